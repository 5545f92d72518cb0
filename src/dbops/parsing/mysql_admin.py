"""MySQL statements sqlglot keeps as opaque commands that change no schema, read from their
tokens strictly (text after them is a syntax error): CALL, PREPARE/EXECUTE/DEALLOCATE,
LOCK TABLES, table maintenance (OPTIMIZE/ANALYZE/CHECK/REPAIR TABLE), GRANT/REVOKE, TRUNCATE,
SET NAMES, savepoints."""

from __future__ import annotations

from sqlglot.tokenizer_core import TokenType

from dbops.core.statements import (
    Grant,
    LockTable,
    Maintenance,
    ObjectName,
    Procedural,
    SetSetting,
    Statement,
    TransactionControl,
    Truncate,
)
from dbops.parsing.mysql_tails import garbage
from dbops.parsing.sqlglot_names import token_object_name
from dbops.parsing.sqlglot_tokens import Reader

MAINTENANCE_WORDS = frozenset(["OPTIMIZE", "ANALYZE", "CHECK", "REPAIR", "CHECKSUM"])


def prepared(reader: Reader) -> Statement:
    """PREPARE name FROM …, EXECUTE name [USING …], DEALLOCATE PREPARE name."""
    first = reader.word(0)
    return Procedural(
        text=reader.statement.text,
        span=reader.locator.whole(),
        command=first,
        target=reader.text(1, 1) if first != "DEALLOCATE" else reader.text(2, 2),
        body=_prepared_body(reader) if first == "PREPARE" else "",
    )


def savepoint(reader: Reader) -> Statement:
    """SAVEPOINT name / RELEASE [SAVEPOINT] name (SAVEPOINT optional in SQLite)."""
    action = "SAVEPOINT" if reader.word(0) == "SAVEPOINT" else "RELEASE"
    name_at = 2 if reader.words(0, 2) == ("RELEASE", "SAVEPOINT") else 1
    if action == "RELEASE" and name_at == 1 and reader.dialect == "mysql":
        return garbage(reader, 1)  # MySQL: RELEASE SAVEPOINT name
    if name_at + 1 < len(reader) or name_at >= len(reader):
        return garbage(reader, min(name_at + 1, len(reader) - 1))
    return TransactionControl(
        text=reader.statement.text, span=reader.locator.whole(), action=action
    )


def call(reader: Reader) -> Statement:
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


def lock_tables(reader: Reader) -> Statement:
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


def grant(reader: Reader) -> Statement:
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


def _prepared_body(reader: Reader) -> str:
    """PREPARE name FROM 'statement' | @variable: the statement text (quotes removed)."""
    at = reader.find("FROM", 2, len(reader) - 1)
    if at is None or at + 1 >= len(reader):
        return ""
    token = reader.tokens[at + 1]
    return (
        token.text if token.token_type == TokenType.STRING else reader.text(at + 1, len(reader) - 1)
    )


def truncate_table(reader: Reader) -> Statement:
    """TRUNCATE [TABLE] name (sqlglot keeps some forms as commands)."""
    at = 2 if reader.word(1) == "TABLE" else 1
    if at >= len(reader):
        return garbage(reader, len(reader) - 1)
    table, after = token_object_name(reader, at)
    if after < len(reader):
        return garbage(reader, after)
    return Truncate(text=reader.statement.text, span=reader.locator.whole(), tables=(table,))


def set_names(reader: Reader) -> Statement:
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
