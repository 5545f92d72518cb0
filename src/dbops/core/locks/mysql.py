"""The MySQL/MariaDB online-DDL model: for each ALTER TABLE operation the fastest algorithm the
server can use (INSTANT, NOCOPY (MariaDB), INPLACE, COPY), whether the table is rebuilt, and the
concurrency it allows (LOCK=NONE: reads and writes go on; SHARED: reads only).

From the MySQL 8.0/8.4 "Online DDL Operations" tables and MariaDB's "InnoDB Online DDL
Operations" pages; `tests/test_lock_model_mariadb.py` asks the real MariaDB which ALGORITHM=
each form accepts. Every ALTER also takes an exclusive metadata lock for a moment at its start
and end: it waits behind any open transaction on the table, and everyone queues behind it.
Locks are reported in PostgreSQL's vocabulary so every report speaks one language: LOCK=NONE is
SHARE UPDATE EXCLUSIVE (only other DDL waits), SHARED is SHARE (writes wait), EXCLUSIVE and
COPY's final swap are ACCESS EXCLUSIVE (everything waits).
"""

from __future__ import annotations

from dbops.core.locks.modes import ImpactBuilder, LockImpact, LockMode, RelationLock
from dbops.core.locks.target import TargetVersion
from dbops.core.schema import SchemaModel
from dbops.core.statements import (
    Action,
    AddColumn,
    AddConstraint,
    AddIndex,
    AlterTable,
    ConstraintKind,
    CreateIndex,
    Delete,
    Drop,
    DropColumn,
    DropConstraint,
    DropDefault,
    DropIndex,
    DropIndexAction,
    DropPrimaryKey,
    Generated,
    Insert,
    Maintenance,
    ModifyColumn,
    PartitionOperation,
    RenameColumn,
    RenameIndex,
    RenameTables,
    RenameTo,
    SetDefault,
    SetTableOption,
    Statement,
    Truncate,
    TypeName,
    Update,
)

_RANK = {"INSTANT": 0, "NOCOPY": 1, "INPLACE": 2, "COPY": 3}
_CONCURRENCY = {"NONE": LockMode.SHARE_UPDATE_EXCLUSIVE, "SHARED": LockMode.SHARE}


def mysql_impact(statement: Statement, schema: SchemaModel, target: TargetVersion) -> LockImpact:
    impact = ImpactBuilder()
    if isinstance(statement, AlterTable):
        _alter(statement, schema, target, impact)
    elif isinstance(statement, CreateIndex):
        table = schema.key_of(statement.table)
        algorithm, lock = _index_build(statement.method, target)
        _record(impact, table, algorithm, lock, rebuild=False)
        impact.scans.append(table)
        _explicit(impact, statement.algorithm, statement.lock)
    elif isinstance(statement, DropIndex) and statement.table is not None:
        table = schema.key_of(statement.table)
        _record(impact, table, "NOCOPY" if target.engine == "mariadb" else "INPLACE", "NONE")
    elif isinstance(statement, RenameTables):
        for old, new in statement.renames:
            impact.lock(schema.key_of(old), LockMode.ACCESS_EXCLUSIVE)
            impact.lock(schema.key_of(new), LockMode.ACCESS_EXCLUSIVE)
    elif isinstance(statement, Drop | Truncate):
        names = statement.names if isinstance(statement, Drop) else statement.tables
        if isinstance(statement, Truncate) or statement.object_kind.upper() == "TABLE":
            for name in names:
                impact.lock(schema.key_of(name), LockMode.ACCESS_EXCLUSIVE)
    elif isinstance(statement, Insert | Update | Delete):
        impact.lock(schema.key_of(statement.table), LockMode.ROW_EXCLUSIVE)
    elif isinstance(statement, Maintenance) and statement.operation.upper() == "OPTIMIZE":
        for name in statement.tables:
            _record(impact, schema.key_of(name), "INPLACE", "NONE", rebuild=True)
    return impact.done()


def _alter(
    statement: AlterTable, schema: SchemaModel, target: TargetVersion, impact: ImpactBuilder
) -> None:
    table = schema.key_of(statement.table)
    worst, lock, rebuild = "INSTANT", "NONE", False
    for action in statement.actions:
        algorithm, needs_lock, rebuilds = _operation(action, table, schema, target)
        if _RANK[algorithm] > _RANK[worst]:
            worst = algorithm
        if needs_lock == "SHARED":
            lock = "SHARED"
        rebuild = rebuild or rebuilds
        if isinstance(action, AddIndex | AddConstraint):
            impact.scans.append(table)
    if worst == "COPY":
        lock, rebuild = "SHARED", True
    _record(impact, table, worst, lock, rebuild)
    _explicit(impact, statement.algorithm, statement.lock)


def _record(
    impact: ImpactBuilder, table: str, algorithm: str, lock: str, rebuild: bool = False
) -> None:
    impact.algorithm, impact.lock_clause = algorithm, lock
    impact.lock(table, _CONCURRENCY.get(lock, LockMode.ACCESS_EXCLUSIVE))
    if rebuild:
        impact.rewrites.append(table)


def _explicit(impact: ImpactBuilder, algorithm: str, lock: str) -> None:
    """An ALGORITHM= or LOCK= clause the user wrote: the server refuses rather than fall back,
    so the written clause is what runs (a weaker request than possible still runs as written)."""
    if algorithm and algorithm.upper() not in ("DEFAULT",):
        written = algorithm.upper()
        if impact.algorithm is not None and _RANK.get(written, 0) > _RANK[impact.algorithm]:
            impact.algorithm = written
    if lock and lock.upper() == "EXCLUSIVE":
        impact.lock_clause = "EXCLUSIVE"
        impact.locks = [RelationLock(lk.relation, LockMode.ACCESS_EXCLUSIVE) for lk in impact.locks]


def _index_build(method: str, target: TargetVersion) -> tuple[str, str]:
    if method.upper() in ("FULLTEXT", "SPATIAL"):
        return "INPLACE", "SHARED"
    return ("NOCOPY" if target.engine == "mariadb" else "INPLACE"), "NONE"


def _operation(
    action: Action, table: str, schema: SchemaModel, target: TargetVersion
) -> tuple[str, str, bool]:
    """(algorithm, LOCK level needed, rebuilds the table) of one ALTER TABLE operation."""
    mariadb = target.engine == "mariadb"
    if isinstance(action, AddColumn):
        column = action.column
        if column.generated is Generated.STORED or column.auto_increment:
            return ("COPY", "SHARED", True) if column.generated else ("INPLACE", "SHARED", True)
        if column.primary_key:
            return "INPLACE", "NONE", True
        if action.position and not mariadb and not target.at_least(8, 0, 29):
            return "INPLACE", "NONE", True
        return "INSTANT", "NONE", False
    if isinstance(action, DropColumn):
        instant = target.at_least(10, 4) if mariadb else target.at_least(8, 0, 29)
        return ("INSTANT", "NONE", False) if instant else ("INPLACE", "NONE", True)
    if isinstance(action, RenameColumn | SetDefault | DropDefault | RenameTo | RenameIndex):
        if isinstance(action, RenameIndex) and not mariadb:
            return "INPLACE", "NONE", False
        return "INSTANT", "NONE", False
    if isinstance(action, ModifyColumn):
        return _modify(action, table, schema, target)
    if isinstance(action, AddIndex):
        algorithm, lock = _index_build(action.index.method, target)
        return algorithm, lock, False
    if isinstance(action, DropIndexAction):
        return ("NOCOPY" if mariadb else "INPLACE"), "NONE", False
    if isinstance(action, AddConstraint):
        kind = action.constraint.kind
        if kind is ConstraintKind.PRIMARY_KEY:
            return "INPLACE", "NONE", True
        if kind is ConstraintKind.UNIQUE:
            return ("NOCOPY" if mariadb else "INPLACE"), "NONE", False
        if kind is ConstraintKind.FOREIGN_KEY:
            return "COPY", "SHARED", True  # INPLACE only with foreign_key_checks=0
        return "COPY", "SHARED", True  # CHECK: every row is checked in a copy
    if isinstance(action, DropPrimaryKey):
        return "COPY", "SHARED", True
    if isinstance(action, DropConstraint):
        return ("INSTANT" if mariadb else "INPLACE"), "NONE", False
    if isinstance(action, SetTableOption):
        return _table_option(action.option.upper(), mariadb)
    if isinstance(action, PartitionOperation):
        if action.operation.upper() in ("ADD", "DROP", "TRUNCATE"):
            return "INPLACE", "NONE", False
        return "COPY", "SHARED", True
    return "COPY", "SHARED", True  # unknown operations: the safe assumption


def _table_option(option: str, mariadb: bool) -> tuple[str, str, bool]:
    if option in ("COMMENT", "AUTO_INCREMENT", "CHARSET", "COLLATE"):
        return ("INSTANT" if option == "COMMENT" or mariadb else "INPLACE"), "NONE", False
    if option in ("ENGINE", "ROW_FORMAT", "KEY_BLOCK_SIZE", "FORCE"):
        return "INPLACE", "NONE", True
    return "COPY", "SHARED", True  # CONVERT CHARSET, ORDER BY, …


def _modify(
    action: ModifyColumn, table: str, schema: SchemaModel, target: TargetVersion
) -> tuple[str, str, bool]:
    found = schema.tables.get(table)
    old_name = (action.old or action.column.name).value
    before = found.columns.get(old_name) if found is not None else None
    new = action.column
    if before is None or before.type_name is None or new.type is None:
        return "COPY", "SHARED", True
    old_type = before.type_name
    same_type = (old_type.name, old_type.parameters, old_type.unsigned) == (
        new.type.name,
        new.type.parameters,
        new.type.unsigned,
    )
    null_change = before.nullable != new.nullable
    if same_type and not null_change:
        return "INSTANT", "NONE", False  # rename, default, comment, position
    if same_type and null_change:
        return "INPLACE", "NONE", True  # either way: every row is rewritten (MariaDB 10.11)
    charset = before.charset or (found.charset if found is not None else None)
    if _varchar_grows_in_place(old_type, new.type, _max_bytes(charset, target)):
        return ("INSTANT" if target.engine == "mariadb" else "INPLACE"), "NONE", False
    return "COPY", "SHARED", True


def _varchar_grows_in_place(old: TypeName, new: TypeName, bytes_per_character: int) -> bool:
    """A VARCHAR that grows within the same length-prefix size (up to 255 bytes, or beyond)
    only changes in the catalog; crossing 255 bytes means a 2-byte prefix: a copy."""
    if not (old.name == new.name == "varchar" and old.length and new.length):
        return False
    old_bytes, new_bytes = old.length * bytes_per_character, new.length * bytes_per_character
    return new.length >= old.length and (old_bytes > 255) == (new_bytes > 255)


def _max_bytes(charset: str | None, target: TargetVersion) -> int:
    """Bytes per character of a charset (the server's default when none is known: utf8mb4 on
    MySQL 8, latin1 on MariaDB)."""
    name = (charset or ("latin1" if target.engine == "mariadb" else "utf8mb4")).lower()
    if name.startswith("utf8mb4") or name in ("utf16", "utf32"):
        return 4
    if name.startswith("utf8"):
        return 3
    return 2 if name in ("ucs2", "sjis", "gbk", "big5", "euckr", "gb2312") else 1
