"""ALTER TABLE and its actions: one statement is a sequence of actions applied in order."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from dbops.core.statements.base import Statement
from dbops.core.statements.parts import NO_SPAN, Expr, Name, ObjectName, Span, TypeName
from dbops.core.statements.tables import ColumnDef, Constraint, InlineIndex


@dataclass(frozen=True, kw_only=True)
class Action:
    """One action of an ALTER TABLE, with the span of the action as written."""

    kind: ClassVar[str] = "action"
    text: str = field(default="", compare=False)
    span: Span = field(default=NO_SPAN, compare=False)


@dataclass(frozen=True, kw_only=True)
class AddColumn(Action):
    kind: ClassVar[str] = "add-column"
    column: ColumnDef
    if_not_exists: bool = False
    position: str = ""  # MySQL "FIRST" or "AFTER col"


@dataclass(frozen=True, kw_only=True)
class DropColumn(Action):
    kind: ClassVar[str] = "drop-column"
    column: Name
    if_exists: bool = False
    cascade: bool = False


@dataclass(frozen=True, kw_only=True)
class AlterColumnType(Action):
    """PostgreSQL `ALTER COLUMN c [SET DATA] TYPE t [USING e] [COLLATE x]`."""

    kind: ClassVar[str] = "alter-column-type"
    column: Name
    type: TypeName
    using: Expr | None = None
    collation: str | None = None


@dataclass(frozen=True, kw_only=True)
class ModifyColumn(Action):
    """MySQL `MODIFY c def` (`old` is None) and `CHANGE old new def`: the column is redefined
    as a whole: type, nullability, default, comment, key, position."""

    kind: ClassVar[str] = "modify-column"
    old: Name | None  # CHANGE's old name; None for MODIFY (same name as column.name)
    column: ColumnDef
    position: str = ""  # "FIRST" or "AFTER col"


@dataclass(frozen=True, kw_only=True)
class SetNotNull(Action):
    kind: ClassVar[str] = "set-not-null"
    column: Name


@dataclass(frozen=True, kw_only=True)
class DropNotNull(Action):
    kind: ClassVar[str] = "drop-not-null"
    column: Name


@dataclass(frozen=True, kw_only=True)
class SetDefault(Action):
    kind: ClassVar[str] = "set-default"
    column: Name
    default: Expr


@dataclass(frozen=True, kw_only=True)
class DropDefault(Action):
    kind: ClassVar[str] = "drop-default"
    column: Name


@dataclass(frozen=True, kw_only=True)
class SetColumnOption(Action):
    """Other column-level changes: SET STATISTICS, SET STORAGE, SET COMPRESSION, ADD/DROP/SET
    IDENTITY, DROP EXPRESSION, MySQL `ALTER COLUMN c SET [IN]VISIBLE`; `option` upper case."""

    kind: ClassVar[str] = "set-column-option"
    column: Name
    option: str
    value: str = ""


@dataclass(frozen=True, kw_only=True)
class RenameColumn(Action):
    kind: ClassVar[str] = "rename-column"
    old: Name
    new: Name


@dataclass(frozen=True, kw_only=True)
class RenameTo(Action):
    """ALTER TABLE t RENAME TO u (PostgreSQL keeps the schema; MySQL may move databases)."""

    kind: ClassVar[str] = "rename-table"
    new: ObjectName


@dataclass(frozen=True, kw_only=True)
class SetSchema(Action):
    kind: ClassVar[str] = "set-schema"
    schema: Name


@dataclass(frozen=True, kw_only=True)
class AddConstraint(Action):
    kind: ClassVar[str] = "add-constraint"
    constraint: Constraint


@dataclass(frozen=True, kw_only=True)
class ValidateConstraint(Action):
    kind: ClassVar[str] = "validate-constraint"
    name: Name


@dataclass(frozen=True, kw_only=True)
class DropConstraint(Action):
    kind: ClassVar[str] = "drop-constraint"
    name: Name
    if_exists: bool = False
    cascade: bool = False
    constraint_kind: str = ""  # MySQL `DROP FOREIGN KEY fk` / `DROP CHECK c`: "foreign key"


@dataclass(frozen=True, kw_only=True)
class RenameConstraint(Action):
    kind: ClassVar[str] = "rename-constraint"
    old: Name
    new: Name


@dataclass(frozen=True, kw_only=True)
class DropPrimaryKey(Action):
    """MySQL `DROP PRIMARY KEY`."""

    kind: ClassVar[str] = "drop-primary-key"


@dataclass(frozen=True, kw_only=True)
class AddIndex(Action):
    """MySQL `ADD [UNIQUE|FULLTEXT|SPATIAL] INDEX|KEY name (…)`."""

    kind: ClassVar[str] = "add-index"
    index: InlineIndex


@dataclass(frozen=True, kw_only=True)
class DropIndexAction(Action):
    """MySQL `DROP INDEX|KEY name`."""

    kind: ClassVar[str] = "drop-index-action"
    name: Name


@dataclass(frozen=True, kw_only=True)
class RenameIndex(Action):
    """MySQL `RENAME INDEX|KEY a TO b`."""

    kind: ClassVar[str] = "rename-index"
    old: Name
    new: Name


@dataclass(frozen=True, kw_only=True)
class SetTableOption(Action):
    """Table options: MySQL `ENGINE=…`, `[DEFAULT] CHARSET=…`, `CONVERT TO CHARACTER SET …`
    (`option` "CONVERT CHARSET"), `COLLATE=…`, `COMMENT=…`, `AUTO_INCREMENT=…`; PostgreSQL
    `SET (fillfactor=…)`, `SET LOGGED`/`UNLOGGED`, `SET TABLESPACE`, `OWNER TO`, `CLUSTER ON`,
    `SET WITHOUT CLUSTER`, `ENABLE/DISABLE TRIGGER|RULE|ROW LEVEL SECURITY`, `REPLICA IDENTITY`,
    `INHERIT`/`NO INHERIT`, `OF`/`NOT OF`, and MySQL `FORCE`, `ORDER BY`. Upper-case option."""

    kind: ClassVar[str] = "set-table-option"
    option: str
    value: str = ""


@dataclass(frozen=True, kw_only=True)
class AttachPartition(Action):
    kind: ClassVar[str] = "attach-partition"
    partition: ObjectName
    bound: str = ""  # FOR VALUES … as written


@dataclass(frozen=True, kw_only=True)
class DetachPartition(Action):
    kind: ClassVar[str] = "detach-partition"
    partition: ObjectName
    concurrently: bool = False
    finalize: bool = False


@dataclass(frozen=True, kw_only=True)
class PartitionOperation(Action):
    """MySQL partition maintenance: ADD/DROP/TRUNCATE/REORGANIZE/EXCHANGE/COALESCE/REBUILD/
    ANALYZE/CHECK/OPTIMIZE/REPAIR/REMOVE PARTITIONING, and `PARTITION BY …` on an ALTER."""

    kind: ClassVar[str] = "partition-operation"
    operation: str  # upper case: "DROP", "ADD", "REORGANIZE", "PARTITION BY", "REMOVE"
    partitions: tuple[Name, ...] = ()  # the partitions acted on (ADD: the partitions added)
    new_partitions: tuple[Name, ...] = ()  # REORGANIZE … INTO (…) / PARTITION BY (…): defined


@dataclass(frozen=True, kw_only=True)
class UnmodelledAction(Action):
    """An ALTER TABLE action dbops does not model: `description` says which."""

    kind: ClassVar[str] = "unmodelled-action"
    description: str


@dataclass(frozen=True, kw_only=True)
class AlterTable(Statement):
    kind: ClassVar[str] = "alter-table"
    table: ObjectName
    actions: tuple[Action, ...]
    if_exists: bool = False
    only: bool = False  # PostgreSQL ALTER TABLE ONLY
    algorithm: str = ""  # MySQL ALGORITHM=INSTANT|INPLACE|COPY|NOCOPY|DEFAULT (upper case)
    lock: str = ""  # MySQL LOCK=NONE|SHARED|EXCLUSIVE|DEFAULT
    online: bool = False  # MariaDB ALTER ONLINE TABLE


@dataclass(frozen=True, kw_only=True)
class RenameTables(Statement):
    """MySQL `RENAME TABLE a TO b, c TO d`: each pair in order."""

    kind: ClassVar[str] = "rename-tables"
    renames: tuple[tuple[ObjectName, ObjectName], ...]
