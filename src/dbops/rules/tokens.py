"""Token-level helpers for rules that must also decide statements sqlglot keeps opaque.

Choice (DESIGN §3): PostgreSQL statements are read with sqlglot; what it keeps opaque
(`exp.Command`) is decided from tokens by the rules that need it (`needs_tree = False`), and
pglast (PostgreSQL's own grammar) is *not* used by the rules. Measured with sqlglot 30.30 and
pglast 7 on the 489 statements of Bytebase's PostgreSQL review cases: sqlglot built a tree for
468 (96%), kept 18 opaque (4%), failed on 3; pglast parsed all 489. On 44 statements of realistic
lock-sensitive migrations (VALIDATE / RENAME CONSTRAINT, UNIQUE USING INDEX, ALTER TYPE/DOMAIN/
SEQUENCE, REINDEX, VACUUM, LOCK, ENABLE TRIGGER, …): sqlglot 31 trees (70%), 13 opaque (30%);
pglast 44 (100%). The opaque ones are exactly the forms lock-safety rules ask about, and each
is recognisable from its leading keywords, which the token rules read; with that, dbops agrees
with 97.9% of Bytebase's cases without pglast. One syntax tree across PostgreSQL, MySQL and
SQLite keeps every rule and the schema model on one representation; pglast stays an optional
extra (`dbops[pglast]`) should a rule ever need PostgreSQL's full grammar.

Caveat: for commands sqlglot's tokenizer does not parse (REINDEX, VACUUM, …) it keeps the rest
of the statement as one token; rules reading those use the statement's text words instead.
"""

from __future__ import annotations

from sqlglot.tokenizer_core import TokenType

from dbops.core.sql import ParsedStatement

_NAME_TYPES = {TokenType.VAR, TokenType.IDENTIFIER, TokenType.STRING}


def dropped_tables(statement: ParsedStatement) -> list[str]:
    """Table names of a `DROP TABLE [IF EXISTS] a, b [CASCADE]`, unquoted, without schema."""
    words = statement.keywords
    if len(words) < 3 or words[0] != "DROP" or words[1] != "TABLE":
        return []
    names: list[str] = []
    current = ""
    for token in statement.tokens[2:]:
        if token.text.upper() in ("IF", "EXISTS", "CASCADE", "RESTRICT"):
            continue
        if token.token_type == TokenType.COMMA:
            names.append(current)
            current = ""
        elif token.token_type == TokenType.DOT:
            current = ""
        else:
            current = token.text
    if current:
        names.append(current)
    return names


def starts_with(statement: ParsedStatement, *words: str) -> bool:
    return statement.keywords[: len(words)] == tuple(words)
