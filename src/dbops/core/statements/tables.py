"""Tables, columns, constraints and indexes: CREATE TABLE and CREATE TABLE AS, and the pieces
ALTER TABLE actions share."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import ClassVar

from dbops.core.statements.base import Statement
from dbops.core.statements.parts import NO_SPAN, Expr, Name, ObjectName, Query, Span, TypeName


class Generated(StrEnum):
    STORED = "stored"  # GENERATED ALWAYS AS (expr) STORED / MySQL STORED
    VIRTUAL = "virtual"  # MySQL VIRTUAL, SQLite default for GENERATED
    IDENTITY_ALWAYS = "identity always"  # GENERATED ALWAYS AS IDENTITY
    IDENTITY_BY_DEFAULT = "identity by default"


class ConstraintKind(StrEnum):
    PRIMARY_KEY = "primary key"
    UNIQUE = "unique"
    FOREIGN_KEY = "foreign key"
    CHECK = "check"
    EXCLUDE = "exclude"


@dataclass(frozen=True)
class ForeignKeyTarget:
    table: ObjectName
    columns: tuple[Name, ...] = ()
    on_delete: str = ""  # upper case as the engine names it: "CASCADE", "SET NULL", ""
    on_update: str = ""


@dataclass(frozen=True)
class Constraint:
    """A table constraint, written at table level or inline on a column (`columns` then names
    that column)."""

    kind: ConstraintKind
    name: Name | None = None
    columns: tuple[Name, ...] = ()
    references: ForeignKeyTarget | None = None
    check: Expr | None = None
    not_valid: bool = False  # PostgreSQL NOT VALID
    using_index: Name | None = None  # PostgreSQL `… PRIMARY KEY USING INDEX idx`
    deferrable: bool = False
    index_method: str = ""  # EXCLUDE USING gist
    span: Span = field(default=NO_SPAN, compare=False)


@dataclass(frozen=True)
class ColumnDef:
    """A column as defined by CREATE TABLE, ADD COLUMN, MySQL MODIFY/CHANGE."""

    name: Name
    type: TypeName | None  # None: SQLite columns without a type, CTAS columns of unknown type
    not_null: bool = False  # NOT NULL written (or implied by PRIMARY KEY, see `nullable`)
    null_written: bool = False  # NULL written explicitly
    default: Expr | None = None
    generated: Generated | None = None
    generated_expr: Expr | None = None
    auto_increment: bool = False  # MySQL AUTO_INCREMENT, SQLite AUTOINCREMENT
    serial: bool = False  # PostgreSQL serial/bigserial/smallserial pseudo-types
    on_update: Expr | None = None  # MySQL ON UPDATE CURRENT_TIMESTAMP
    comment: str | None = None  # MySQL COMMENT '…' (PostgreSQL uses COMMENT ON)
    charset: str | None = None
    collation: str | None = None
    constraints: tuple[Constraint, ...] = ()  # inline: PRIMARY KEY, UNIQUE, REFERENCES, CHECK
    span: Span = field(default=NO_SPAN, compare=False)

    @property
    def primary_key(self) -> bool:
        return any(c.kind is ConstraintKind.PRIMARY_KEY for c in self.constraints)

    @property
    def nullable(self) -> bool:
        """Whether the column accepts NULL once created (a primary key column never does)."""
        identity = self.generated in (Generated.IDENTITY_ALWAYS, Generated.IDENTITY_BY_DEFAULT)
        return not (self.not_null or self.primary_key or identity)

    @property
    def identity(self) -> bool:
        return self.generated in (Generated.IDENTITY_ALWAYS, Generated.IDENTITY_BY_DEFAULT)


@dataclass(frozen=True)
class IndexElement:
    """One key part of an index: a column, or an expression (`lower(email)`)."""

    column: Name | None = None
    expression: Expr | None = None
    descending: bool = False
    prefix_length: int | None = None  # MySQL `name(10)`
    opclass: str = ""
    collation: str = ""  # `email COLLATE NOCASE` (as written)
    span: Span = field(default=NO_SPAN, compare=False)


@dataclass(frozen=True, kw_only=True)
class CreateTable(Statement):
    kind: ClassVar[str] = "create-table"
    table: ObjectName
    columns: tuple[ColumnDef, ...] = ()
    constraints: tuple[Constraint, ...] = ()  # table-level constraints
    indexes: tuple[InlineIndex, ...] = ()  # MySQL `INDEX idx (a)` / `KEY` / `FULLTEXT KEY`
    if_not_exists: bool = False
    temporary: bool = False
    unlogged: bool = False
    like: ObjectName | None = None  # CREATE TABLE t (LIKE s) / MySQL CREATE TABLE t LIKE s
    # PostgreSQL `LIKE s INCLUDING …`: what is copied besides the columns, upper case
    # ("DEFAULTS", "CONSTRAINTS", "INDEXES", "IDENTITY", "GENERATED", "COMMENTS", …; ALL expanded)
    like_including: tuple[str, ...] = ()
    inherits: tuple[ObjectName, ...] = ()
    partition_of: ObjectName | None = None  # PostgreSQL CREATE TABLE p PARTITION OF t …
    partition_bound: str = ""  # its bound as written: "FOR VALUES FROM (1) TO (10)", "DEFAULT"
    partition_by: str = ""  # "RANGE (created_at)" as written
    partitions: tuple[Name, ...] = ()  # MySQL partitions defined inline
    options: tuple[tuple[str, str], ...] = ()  # upper-case keys: ENGINE, CHARSET, COLLATE,
    # COMMENT, AUTO_INCREMENT, ROW_FORMAT, … values as written (quotes removed)
    strict: bool = False  # SQLite STRICT
    without_rowid: bool = False  # SQLite WITHOUT ROWID
    virtual_module: str = ""  # SQLite CREATE VIRTUAL TABLE … USING fts5(…): "fts5"

    def option(self, key: str) -> str | None:
        """A table option by upper-case key (`CHARSET` also answers `CHARACTER SET` and
        `DEFAULT CHARSET`, normalized by the normalizer)."""
        return next((value for name, value in self.options if name == key), None)


@dataclass(frozen=True)
class InlineIndex:
    """An index defined inside CREATE TABLE or by MySQL `ALTER TABLE … ADD INDEX`."""

    name: Name | None
    elements: tuple[IndexElement, ...]
    unique: bool = False
    method: str = ""  # BTREE, HASH, FULLTEXT, SPATIAL (upper case)
    span: Span = field(default=NO_SPAN, compare=False)


@dataclass(frozen=True, kw_only=True)
class CreateTableAs(Statement):
    """CREATE TABLE … AS SELECT / SELECT … INTO: the columns come from the query; their types
    are known where the normalizer can tell (a column copied from a known table is resolved by
    the schema replay, which fills in what `columns` leaves as None)."""

    kind: ClassVar[str] = "create-table-as"
    table: ObjectName
    query: Query
    columns: tuple[ColumnDef, ...] = ()  # names (and types where written/casted) of the result
    # (result column, "table.column") copied from a table, the table as written qualified
    # ("shop.orders.id") or not ("orders.id"); `SELECT *` / `t.*` gives ("*", "orders.*")
    column_sources: tuple[tuple[str, str], ...] = ()
    if_not_exists: bool = False
    temporary: bool = False
    with_data: bool = True
    materialized: bool = False  # CREATE MATERIALIZED VIEW … AS
    options: tuple[tuple[str, str], ...] = ()  # MySQL `CREATE TABLE t ENGINE=… CHARSET=… AS
    # SELECT`: as CreateTable.options (upper-case keys, values as written without quotes)

    def option(self, key: str) -> str | None:
        """A table option by upper-case key, as `CreateTable.option`."""
        return next((value for name, value in self.options if name == key), None)


@dataclass(frozen=True, kw_only=True)
class CreateIndex(Statement):
    kind: ClassVar[str] = "create-index"
    name: Name | None
    table: ObjectName
    elements: tuple[IndexElement, ...]
    unique: bool = False
    concurrently: bool = False
    if_not_exists: bool = False
    method: str = ""  # btree, gin, gist, hash, brin (lower case); MySQL FULLTEXT/SPATIAL upper
    where: Expr | None = None  # partial index
    include: tuple[Name, ...] = ()
    only: bool = False  # ON ONLY (partitioned parent)
    algorithm: str = ""  # MySQL ALGORITHM=…
    lock: str = ""  # MySQL LOCK=…


@dataclass(frozen=True, kw_only=True)
class DropIndex(Statement):
    kind: ClassVar[str] = "drop-index"
    names: tuple[ObjectName, ...]
    table: ObjectName | None = None  # MySQL `DROP INDEX i ON t`
    concurrently: bool = False
    if_exists: bool = False
    cascade: bool = False
    algorithm: str = ""  # MySQL `DROP INDEX i ON t ALGORITHM=INPLACE` (upper case)
    lock: str = ""  # MySQL LOCK=NONE|SHARED|EXCLUSIVE|DEFAULT


@dataclass(frozen=True, kw_only=True)
class AlterIndex(Statement):
    """ALTER INDEX … RENAME TO / SET TABLESPACE / ATTACH PARTITION / SET (…)."""

    kind: ClassVar[str] = "alter-index"
    name: ObjectName
    rename_to: Name | None = None
    attach_partition: ObjectName | None = None
    action: str = ""  # the action as written, upper case words: "SET TABLESPACE"
    if_exists: bool = False


@dataclass(frozen=True, kw_only=True)
class Reindex(Statement):
    kind: ClassVar[str] = "reindex"
    target: str  # INDEX, TABLE, SCHEMA, DATABASE, SYSTEM
    name: ObjectName | None
    concurrently: bool = False
