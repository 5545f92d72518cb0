"""SQLite CREATE TABLE statements SQLite accepts but sqlglot does not parse, for clauses the
model does not carry: a column's `ON CONFLICT <algorithm>` and `PRIMARY KEY ASC|DESC`.

The statement's own tokens are parsed once more without those clauses (and with multi-word
type names joined, as parse_sql does): the tree gives the structure, the original tokens the
types, names and spans.
"""

from __future__ import annotations

from sqlglot import exp
from sqlglot.tokenizer_core import Token, TokenType

from dbops.core.sql_split import QUOTED
from dbops.core.sqlite_types import CONSTRAINT_WORDS, join_type_names
from dbops.parsing.mysql_recover import parse_tokens
from dbops.parsing.sqlglot_tokens import Reader

CONFLICT_ALGORITHMS = frozenset(["ROLLBACK", "ABORT", "FAIL", "IGNORE", "REPLACE"])


def reparsed_table(reader: Reader) -> exp.Create | None:
    """The CREATE TABLE's tree without the clauses sqlglot rejects; None when it still fails."""
    if reader.word(0) != "CREATE" or "TABLE" not in reader.words(1, 3):
        return None
    tokens = _without_unread_clauses(list(reader.raw_tokens))
    tokens = join_type_names(tokens) or tokens
    tree = parse_tokens(reader, tokens)
    return tree if isinstance(tree, exp.Create) else None


def reparsed_update_or(reader: Reader) -> exp.Update | None:
    """`UPDATE OR IGNORE|REPLACE|ABORT|FAIL|ROLLBACK t SET …` read without its conflict clause
    (which the model does not carry); None when it is not that shape."""
    raw = list(reader.raw_tokens)
    words = [t.text.upper() for t in raw[:3]]
    if words[:2] != ["UPDATE", "OR"] or len(words) < 3 or words[2] not in CONFLICT_ALGORITHMS:
        return None
    tree = parse_tokens(reader, [raw[0], *raw[3:]])
    return tree if isinstance(tree, exp.Update) else None


def reparsed_add_column(reader: Reader) -> exp.Alter | None:
    """`ALTER TABLE t ADD [COLUMN] c <type words…> …` with the type's words as one name (SQLite
    reads `TEXT garbage` or `unsigned big int` as a type); None when it is not that shape."""
    raw = list(reader.raw_tokens)
    words = [t.text.upper() if t.token_type not in QUOTED else "" for t in raw]
    if words[:2] != ["ALTER", "TABLE"] or "ADD" not in words:
        return None
    at = words.index("ADD") + 1
    at += 1 if at < len(words) and words[at] == "COLUMN" else 0
    start = at + 1  # after the column's name
    stop = start
    while stop < len(raw) and _type_word(raw[stop]):
        stop += 1
    if stop - start < 2:
        return None
    first, last = raw[start], raw[stop - 1]
    text = " ".join(t.text for t in raw[start:stop])
    joined = Token(TokenType.VAR, text, last.line, last.col, first.start, last.end)
    tree = parse_tokens(reader, [*raw[:start], joined, *raw[stop:]])
    return tree if isinstance(tree, exp.Alter) else None


def _type_word(token: Token) -> bool:
    if token.token_type in QUOTED and token.token_type != TokenType.IDENTIFIER:
        return False
    text = token.text.upper()
    return text not in CONSTRAINT_WORDS and text.replace("_", "a").replace(" ", "a").isalnum()


def _without_unread_clauses(tokens: list[Token]) -> list[Token]:
    result: list[Token] = []
    index = 0
    while index < len(tokens):
        word = tokens[index].text.upper()
        following = tokens[index + 1].text.upper() if index + 1 < len(tokens) else ""
        after = tokens[index + 2].text.upper() if index + 2 < len(tokens) else ""
        if word == "ON" and following == "CONFLICT" and after in CONFLICT_ALGORITHMS:
            index += 3
            continue
        primary = bool(result) and result[-1].token_type == TokenType.PRIMARY_KEY
        if primary and word in ("ASC", "DESC"):
            index += 1
            continue
        result.append(tokens[index])
        index += 1
    return result
