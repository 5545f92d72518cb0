"""MySQL statements sqlglot keeps as opaque commands, read from their tokens: ALTER TABLE
forms it does not model, RENAME TABLE, ALTER DATABASE, routines, CALL, LOCK TABLES, table
maintenance, GRANT/REVOKE, savepoints. What is not read here is `Unmodelled`, saying what."""

from __future__ import annotations

from sqlglot import exp
from sqlglot.tokenizer_core import Token, TokenType

from dbops.core.statements import (
    AlterSchema,
    CreateRoutine,
    Drop,
    Grant,
    Invalid,
    LockTable,
    Maintenance,
    ObjectName,
    Procedural,
    RenameTables,
    SetSetting,
    Statement,
    TransactionControl,
    Truncate,
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
from dbops.parsing.sqlglot_names import token_name, token_object_name
from dbops.parsing.sqlglot_statements import insert
from dbops.parsing.sqlglot_tokens import Reader, TrailingText
from dbops.parsing.unmodelled import unmodelled

ROUTINE_WORDS = ("FUNCTION", "PROCEDURE", "TRIGGER", "EVENT")
MAINTENANCE_WORDS = frozenset(["OPTIMIZE", "ANALYZE", "CHECK", "REPAIR", "CHECKSUM"])


def command(reader: Reader) -> Statement:
    first, second = reader.words(0, 2)
    statement: Statement | None = None
    if first == "ALTER" and "TABLE" in reader.words(1, 3):
        try:
            statement = alter_table(reader, None)
        except TrailingText as trailing:
            return garbage(reader, trailing.index)
    elif first == "CREATE" and "TABLE" in reader.words(1, 3):
        statement = create_table_tail(reader) or create_table_with_options(reader)
    elif first == "CREATE" and "VIEW" in reader.words(1, 8):
        statement = view_tail(reader)
    elif first == "REPLACE":
        statement = replace_into(reader)
    elif first == "DROP":
        statement = _drop(reader)
    elif first == "ALTER" and second in ("DATABASE", "SCHEMA"):
        statement = _alter_database(reader)
    elif first == "RENAME" and second == "TABLE":
        statement = _rename_tables(reader)
    elif first == "CREATE" and _routine_at(reader) is not None:
        statement = create_routine(reader)
    elif first == "CREATE" and "INDEX" in reader.words(1, 3):
        statement = token_create_index(reader)
    elif first == "CALL":
        statement = _call(reader)
    elif first in ("PREPARE", "EXECUTE", "DEALLOCATE"):
        statement = Procedural(
            text=reader.statement.text,
            span=reader.locator.whole(),
            command=first,
            target=reader.text(1, 1) if first != "DEALLOCATE" else reader.text(2, 2),
            body=_prepared_body(reader) if first == "PREPARE" else "",
        )
    elif first == "LOCK" and second in ("TABLES", "TABLE"):
        statement = _lock_tables(reader)
    elif first in MAINTENANCE_WORDS:
        statement = maintenance(reader)
    elif first in ("GRANT", "REVOKE"):
        statement = _grant(reader)
    elif first == "TRUNCATE":
        statement = _truncate(reader)
    elif first == "SET" and second in ("NAMES", "CHARACTER", "CHARSET"):
        statement = _set_names(reader)
    elif first in ("SAVEPOINT", "RELEASE"):
        action = "SAVEPOINT" if first == "SAVEPOINT" else "RELEASE"
        statement = TransactionControl(
            text=reader.statement.text, span=reader.locator.whole(), action=action
        )
    if statement is not None:
        return statement
    if first in ("CREATE", "ALTER", "DROP", "INSERT", "UPDATE", "DELETE", "SELECT"):
        statement = trailing_words(reader)
        if statement is not None:
            return statement
    words = " ".join(w for w in reader.words(0, 2) if w.isalpha() or "_" in w)
    return unmodelled(
        reader.statement, reader.locator, f"dbops does not model MySQL {words or 'statement'}"
    )


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


def _body(reader: Reader, kind: str, after: int) -> str:
    """The routine's body as written: from BEGIN, RETURN, or the trigger's/event's statement."""
    markers = ("BEGIN", "RETURN") if kind in ("FUNCTION", "PROCEDURE") else ("BEGIN",)
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


def _call(reader: Reader) -> Statement:
    """CALL name [(arguments)]."""
    target, after = token_object_name(reader, 1)
    if reader.is_open(after):
        after = reader.partner(after) + 1
    if after < len(reader):
        return garbage(reader, after)
    return Procedural(
        text=reader.statement.text,
        span=reader.locator.whole(),
        command="CALL",
        target=target.written,
    )


LOCK_TYPES = {("READ",), ("READ", "LOCAL"), ("WRITE",), ("LOW_PRIORITY", "WRITE")}


def _lock_tables(reader: Reader) -> Statement:
    """LOCK TABLE[S] name [[AS] alias] READ [LOCAL] | [LOW_PRIORITY] WRITE, …"""
    tables: list[ObjectName] = []
    write = False
    for part in reader.split(2, len(reader) - 1):
        table, after = token_object_name(reader, part.start)
        if reader.word(after) == "AS":
            after += 2
        elif after < part.stop and reader.word(after) not in ("READ", "WRITE", "LOW_PRIORITY"):
            after += 1  # an alias
        lock_type = tuple(reader.word(i) for i in range(after, part.stop))
        if lock_type not in LOCK_TYPES:
            return garbage(reader, min(after + 1, part.stop - 1))
        tables.append(table)
        write = write or "WRITE" in lock_type
    return LockTable(
        text=reader.statement.text,
        span=reader.locator.whole(),
        tables=tuple(tables),
        mode="WRITE" if write else "READ",
    )


def maintenance(reader: Reader) -> Statement:
    """OPTIMIZE / ANALYZE / CHECK / REPAIR / CHECKSUM [NO_WRITE_TO_BINLOG | LOCAL] TABLE t, …"""
    table_at = reader.find("TABLE", 1, min(3, len(reader) - 1))
    if table_at is None:
        table_at = reader.find("TABLES", 1, min(3, len(reader) - 1))
    if table_at is None:  # SQLite: ANALYZE [name]
        table_at = 0
    tables: list[ObjectName] = []
    for part in reader.split(table_at + 1, len(reader) - 1):
        table, _ = token_object_name(reader, part.start)
        tables.append(table)
    return Maintenance(
        text=reader.statement.text,
        span=reader.locator.whole(),
        operation=reader.word(0),
        tables=tuple(tables),
    )


def _grant(reader: Reader) -> Statement:
    on = reader.find("ON", 1, len(reader) - 1)
    to = reader.find("TO" if reader.word(0) == "GRANT" else "FROM", 1, len(reader) - 1)
    privileges_end = (on if on is not None else to or len(reader)) - 1
    privileges = tuple(
        " ".join(reader.range_text(part).upper().split())
        for part in reader.split(1, privileges_end)
    )
    objects: list[ObjectName] = []
    object_kind = ""
    if on is not None and to is not None:
        at = on + 1
        if reader.word(at) in ("TABLE", "FUNCTION", "PROCEDURE"):
            object_kind, at = reader.word(at), at + 1
        if at < to and reader.type_at(at) != TokenType.STAR:
            objects.append(token_object_name(reader, at)[0])
    grantees = (
        tuple(reader.range_text(part) for part in reader.split(to + 1, len(reader) - 1))
        if to is not None
        else ()
    )
    return Grant(
        text=reader.statement.text,
        span=reader.locator.whole(),
        revoke=reader.word(0) == "REVOKE",
        privileges=privileges,
        object_kind=object_kind,
        objects=tuple(objects),
        grantees=grantees,
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
    return insert(reader, tree) if isinstance(tree, exp.Insert) else None


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
    names = tuple(
        token_object_name(reader, part.start)[0] for part in reader.split(index, len(reader) - 1)
    )
    return Drop(
        text=reader.statement.text,
        span=reader.locator.whole(),
        object_kind=kind,
        names=names,
        if_exists=if_exists,
        temporary=temporary,
    )


def _prepared_body(reader: Reader) -> str:
    """PREPARE name FROM 'statement' | @variable: the statement text (quotes removed)."""
    at = reader.find("FROM", 2, len(reader) - 1)
    if at is None or at + 1 >= len(reader):
        return ""
    token = reader.tokens[at + 1]
    return (
        token.text if token.token_type == TokenType.STRING else reader.text(at + 1, len(reader) - 1)
    )


def _truncate(reader: Reader) -> Statement:
    """TRUNCATE [TABLE] name (sqlglot keeps some forms as commands)."""
    at = 2 if reader.word(1) == "TABLE" else 1
    if at >= len(reader):
        return garbage(reader, len(reader) - 1)
    table, after = token_object_name(reader, at)
    if after < len(reader):
        return garbage(reader, after)
    return Truncate(text=reader.statement.text, span=reader.locator.whole(), tables=(table,))


def _set_names(reader: Reader) -> Statement:
    """SET NAMES x [COLLATE y] / SET CHARACTER SET x / SET CHARSET x."""
    at = 3 if reader.words(1, 2) == ("CHARACTER", "SET") else 2
    if at >= len(reader):
        return garbage(reader, len(reader) - 1)
    after = at + 1
    if reader.word(1) == "NAMES" and reader.word(after) == "COLLATE":
        after += 2
    if after < len(reader):
        return garbage(reader, min(after, len(reader) - 1))
    setting = "names" if reader.word(1) == "NAMES" else "character_set"
    value = reader.tokens[at].text
    return SetSetting(
        text=reader.statement.text,
        span=reader.locator.whole(),
        name=setting,
        value=value,
        assignments=((setting, value),),
    )
