"""MySQL statements sqlglot keeps as opaque commands, read from their tokens: one handler per
first word (`HANDLERS`). Schema changes are read here (ALTER TABLE forms sqlglot does not
model, RENAME TABLE, ALTER DATABASE, CREATE … with what sqlglot does not know, routines, DROP
of what sqlglot keeps opaque, REPLACE); the rest in `mysql_admin`. What no handler reads is
`Unmodelled`, saying what, or Invalid when it is a valid statement followed by text."""

from __future__ import annotations

from collections.abc import Callable

from sqlglot import exp
from sqlglot.tokenizer_core import Token, TokenType

from dbops.core.statements import (
    AlterSchema,
    CreateRoutine,
    Drop,
    Invalid,
    ObjectName,
    RenameTables,
    Statement,
)
from dbops.parsing.mysql_admin import (
    MAINTENANCE_WORDS,
    call,
    grant,
    lock_tables,
    maintenance,
    prepared,
    savepoint,
    set_names,
    truncate_table,
)
from dbops.parsing.mysql_index import token_create_index
from dbops.parsing.mysql_recover import parse_tokens
from dbops.parsing.mysql_tails import (
    create_table_tail,
    create_table_with_options,
    garbage,
    trailing_words,
    view_tail,
)
from dbops.parsing.sqlglot_alter_parts import alter_table
from dbops.parsing.sqlglot_checks import trailing_garbage
from dbops.parsing.sqlglot_names import routine_name, token_name, token_object_name
from dbops.parsing.sqlglot_statements import insert
from dbops.parsing.sqlglot_tokens import Reader, TrailingText
from dbops.parsing.unmodelled import unmodelled

ROUTINE_WORDS = ("FUNCTION", "PROCEDURE", "TRIGGER", "EVENT")


def command(reader: Reader) -> Statement:
    first = reader.word(0)
    handler = HANDLERS.get(first)
    statement = handler(reader) if handler is not None else None
    if statement is None and first in ("CREATE", "ALTER", "DROP", "INSERT", "UPDATE", "DELETE"):
        statement = trailing_words(reader)
    if statement is not None:
        return statement
    words = reader.text(0, min(2, len(reader)) - 1) or "this statement"  # as written
    return unmodelled(reader.statement, reader.locator, f"dbops does not model MySQL {words}")


def _alter(reader: Reader) -> Statement | None:
    if "TABLE" in reader.words(1, 3):
        try:
            return alter_table(reader, None)
        except TrailingText as trailing:
            return garbage(reader, trailing.index)
    if reader.word(1) in ("DATABASE", "SCHEMA"):
        return _alter_database(reader)
    return None


def _create(reader: Reader) -> Statement | None:
    if "TABLE" in reader.words(1, 3):
        return create_table_tail(reader) or create_table_with_options(reader)
    if _routine_at(reader) is not None:
        return create_routine(reader)
    if "INDEX" in reader.words(1, 3):
        return token_create_index(reader)
    if "VIEW" in reader.words(1, 8):
        return view_tail(reader)
    return None


def _rename(reader: Reader) -> Statement | None:
    return _rename_tables(reader) if reader.word(1) == "TABLE" else None


def _lock(reader: Reader) -> Statement | None:
    return lock_tables(reader) if reader.word(1) in ("TABLES", "TABLE") else None


def _set(reader: Reader) -> Statement | None:
    return set_names(reader) if reader.word(1) in ("NAMES", "CHARACTER", "CHARSET") else None


def _routine_at(reader: Reader) -> int | None:
    """The index of FUNCTION/PROCEDURE/TRIGGER/EVENT after CREATE [OR REPLACE] [DEFINER = x]
    [SQL SECURITY x] [AGGREGATE]."""
    index = 1
    while index < min(len(reader), 12):
        word = reader.word(index)
        if word in ROUTINE_WORDS:
            return index
        if word in ("TABLE", "VIEW", "INDEX", "DATABASE", "SCHEMA", "AS", "SELECT"):
            return None
        index += 1
    return None


def create_routine(reader: Reader) -> Statement:
    at = _routine_at(reader)
    if at is None:
        return unmodelled(reader.statement, reader.locator, "not a routine MySQL defines")
    kind = reader.word(at)
    index = at + 1
    if reader.words(index, 3) == ("IF", "NOT", "EXISTS"):
        index += 3
    routine, after = token_object_name(reader, index)
    routine = routine_name(reader, routine, kind)
    on_table: ObjectName | None = None
    if kind == "TRIGGER":
        on = reader.find("ON", after, len(reader) - 1)
        if on is not None:
            on_table, _ = token_object_name(reader, on + 1)
    return CreateRoutine(
        text=reader.statement.text,
        span=reader.locator.whole(),
        routine_kind=kind,
        name=routine,
        or_replace=reader.words(1, 2) == ("OR", "REPLACE"),
        on_table=on_table,
        language="SQL",
        body=_body(reader, kind, after),
    )


# A routine's characteristics between its parameters and its body (MySQL, MariaDB).
CHARACTERISTICS = frozenset(
    [
        *("COMMENT", "LANGUAGE", "SQL", "NOT", "DETERMINISTIC", "CONTAINS", "NO", "READS"),
        *("MODIFIES", "DATA", "SECURITY", "DEFINER", "INVOKER"),
    ]
)


def _body(reader: Reader, kind: str, after: int) -> str:
    """The routine's body as written: from BEGIN, RETURN, the statement after a procedure's
    parameters and characteristics, or the trigger's/event's statement."""
    if kind == "PROCEDURE" and reader.is_open(after):
        index = reader.partner(after) + 1
        while index < len(reader) and (
            reader.word(index) in CHARACTERISTICS or reader.type_at(index) == TokenType.STRING
        ):
            index += 1
        return reader.text(index, len(reader) - 1)
    markers = ("BEGIN", "RETURN") if kind == "FUNCTION" else ("BEGIN",)
    index = after
    while index < len(reader):
        word = reader.word(index)
        if word in markers or (kind == "TRIGGER" and reader.words(index - 2, 2) == ("EACH", "ROW")):
            return reader.text(index, len(reader) - 1)
        if kind == "EVENT" and word == "DO":
            return reader.text(index + 1, len(reader) - 1)
        if reader.is_open(index):
            index = reader.partner(index)
        index += 1
    return ""


def _alter_database(reader: Reader) -> Statement:
    index = 2
    target = None
    if reader.type_at(index) in (TokenType.VAR, TokenType.IDENTIFIER) and reader.word(
        index
    ) not in (
        "DEFAULT",
        "CHARACTER",
        "CHARSET",
        "COLLATE",
    ):
        target = token_name(reader, index, table=True)
        index += 1
    charset = collation = None
    while index < len(reader):
        word = reader.word(index)
        value_at = index + 1
        if word == "CHARACTER" and reader.word(index + 1) == "SET":
            value_at = index + 2
        if reader.type_at(value_at) == TokenType.EQ:
            value_at += 1
        if word in ("CHARACTER", "CHARSET") and value_at < len(reader):
            charset = reader.tokens[value_at].text.lower()
            index = value_at
        elif word == "COLLATE" and value_at < len(reader):
            collation = reader.tokens[value_at].text.lower()
            index = value_at
        index += 1
    return AlterSchema(
        text=reader.statement.text,
        span=reader.locator.whole(),
        name=target,
        charset=charset,
        collation=collation,
        database=reader.word(1) == "DATABASE",
    )


def _rename_tables(reader: Reader) -> Statement:
    renames: list[tuple[ObjectName, ObjectName]] = []
    for part in reader.split(2, len(reader) - 1):
        old, after = token_object_name(reader, part.start)
        if reader.word(after) != "TO" or after + 1 >= part.stop:
            return _invalid(reader, min(after, part.stop - 1), "expected 'old TO new'")
        new, end = token_object_name(reader, after + 1)
        if end != part.stop:
            return _invalid(reader, end, "unexpected text after the new name")
        renames.append((old, new))
    return RenameTables(
        text=reader.statement.text, span=reader.locator.whole(), renames=tuple(renames)
    )


def _invalid(reader: Reader, index: int, message: str) -> Invalid:
    index = max(0, min(index, len(reader) - 1))
    return Invalid(
        text=reader.statement.text,
        span=reader.locator.whole(),
        message=f"{message} (at '{reader.tokens[index].text}')",
        error_span=reader.span(index, len(reader) - 1),
    )


def replace_into(reader: Reader) -> Statement | None:
    """REPLACE [INTO] t …: sqlglot's tokenizer keeps REPLACE's arguments as one string; they
    are parsed as the INSERT they are."""
    head = reader.raw(range(0, 1))[0]
    insert_token = Token(TokenType.INSERT, "INSERT", start=head.start, end=head.end)
    tree = parse_tokens(reader, [insert_token, *reader.raw(range(1, len(reader)))])
    if not isinstance(tree, exp.Insert):
        return None
    extra = trailing_garbage(reader, tree)
    return garbage(reader, extra) if extra is not None else insert(reader, tree)


def _drop(reader: Reader) -> Statement | None:
    """DROP [TEMPORARY] EVENT|SERVER|… [IF EXISTS] name, … (the kinds sqlglot keeps opaque)."""
    index = 1
    temporary = reader.word(index) == "TEMPORARY"
    index += 1 if temporary else 0
    kind = reader.word(index)
    if not kind.isalpha():
        return None
    index += 1
    if_exists = reader.words(index, 2) == ("IF", "EXISTS")
    index += 2 if if_exists else 0
    parts = reader.split(index, len(reader) - 1)
    names = tuple(routine_name(reader, token_object_name(reader, p.start)[0], kind) for p in parts)
    return Drop(
        text=reader.statement.text,
        span=reader.locator.whole(),
        object_kind=kind,
        names=names,
        if_exists=if_exists,
        temporary=temporary,
    )


# Each first word of a command and what reads it (None: not this shape after all).
HANDLERS: dict[str, Callable[[Reader], Statement | None]] = {
    "ALTER": _alter,
    "CREATE": _create,
    "RENAME": _rename,
    "REPLACE": replace_into,
    "DROP": _drop,
    "CALL": call,
    "PREPARE": prepared,
    "EXECUTE": prepared,
    "DEALLOCATE": prepared,
    "LOCK": _lock,
    "GRANT": grant,
    "REVOKE": grant,
    "TRUNCATE": truncate_table,
    "SET": _set,
    "SAVEPOINT": savepoint,
    "RELEASE": savepoint,
    **dict.fromkeys(MAINTENANCE_WORDS, maintenance),
}
