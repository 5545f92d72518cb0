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

import re
from itertools import pairwise

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


_OBJECT_WORDS = frozenset(
    {"TABLE", "VIEW", "PROCEDURE", "FUNCTION", "EVENT", "TRIGGER", "INDEX", "DATABASE", "SCHEMA"}
)


def created_object(statement: ParsedStatement) -> str | None:
    """What a `CREATE …` statement creates (`VIEW` for `CREATE OR REPLACE ALGORITHM=MERGE
    DEFINER=u@h VIEW v AS …`), read from keywords so opaque statements are decided too."""
    if statement.keywords[:1] != ("CREATE",):
        return None
    for token in statement.tokens[1:]:
        word = token.text.upper()
        if token.token_type in (TokenType.IDENTIFIER, TokenType.STRING):
            continue
        if word in ("(", "AS"):
            return None
        if word in _OBJECT_WORDS:
            return word
    return None


_TEXT_WORD = re.compile(r'`[^`]*`|"[^"]*"|[\w$]+|[.(]')


def text_words(statement: ParsedStatement) -> list[str]:
    """Words, names (unquoted), dots and opening parentheses of the statement's text, for the
    commands whose rest sqlglot keeps as a single token (`RENAME TABLE a TO b`, `REPLACE …`)."""
    return [word.strip('`"') for word in _TEXT_WORD.findall(statement.text)]


def unqualified(texts: list[str]) -> str:
    """`shop.ledger` -> `ledger`: the name after the last dot."""
    name = texts[0]
    for previous, current in pairwise(texts):
        if previous == ".":
            name = current
        elif current != "." and previous != ".":
            break
    return name


def is_rename_table(statement: ParsedStatement) -> bool:
    """MySQL `RENAME TABLE a TO b` (sqlglot keeps everything after RENAME as one token)."""
    words = statement.keywords
    return words[:1] == ("RENAME",) and " ".join(words[1:]).startswith("TABLE ")
