"""Every other statement kind: drops, views, schemas, types, routines, settings, transactions,
data changes and maintenance."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from dbops.core.statements.base import Statement
from dbops.core.statements.parts import NO_SPAN, Expr, Name, ObjectName, Query, Span


@dataclass(frozen=True, kw_only=True)
class Drop(Statement):
    """DROP TABLE/VIEW/MATERIALIZED VIEW/SCHEMA/DATABASE/SEQUENCE/TYPE/DOMAIN/FUNCTION/
    PROCEDURE/TRIGGER/EVENT/EXTENSION/… (`object_kind` upper case, "MATERIALIZED VIEW"); DROP
    INDEX is `DropIndex`."""

    kind: ClassVar[str] = "drop"
    object_kind: str
    names: tuple[ObjectName, ...]
    if_exists: bool = False
    cascade: bool = False
    temporary: bool = False  # MySQL DROP TEMPORARY TABLE
    on_table: ObjectName | None = None  # PostgreSQL DROP TRIGGER t ON tbl / DROP POLICY


@dataclass(frozen=True, kw_only=True)
class Truncate(Statement):
    kind: ClassVar[str] = "truncate"
    tables: tuple[ObjectName, ...]
    cascade: bool = False
    restart_identity: bool = False


@dataclass(frozen=True, kw_only=True)
class CreateView(Statement):
    kind: ClassVar[str] = "create-view"
    name: ObjectName
    query: Query | None
    or_replace: bool = False
    materialized: bool = False
    if_not_exists: bool = False
    columns: tuple[Name, ...] = ()


@dataclass(frozen=True, kw_only=True)
class CreateSchema(Statement):
    """CREATE SCHEMA, and MySQL CREATE DATABASE (a database is MySQL's schema)."""

    kind: ClassVar[str] = "create-schema"
    name: Name
    if_not_exists: bool = False
    database: bool = False  # written CREATE DATABASE
    charset: str | None = None
    collation: str | None = None


@dataclass(frozen=True, kw_only=True)
class AlterSchema(Statement):
    """ALTER SCHEMA/DATABASE … RENAME TO / OWNER TO / MySQL CHARACTER SET …"""

    kind: ClassVar[str] = "alter-schema"
    name: Name | None
    rename_to: Name | None = None
    charset: str | None = None
    collation: str | None = None
    database: bool = False


@dataclass(frozen=True, kw_only=True)
class CreateSequence(Statement):
    kind: ClassVar[str] = "create-sequence"
    name: ObjectName
    if_not_exists: bool = False
    data_type: str = ""


@dataclass(frozen=True, kw_only=True)
class AlterSequence(Statement):
    kind: ClassVar[str] = "alter-sequence"
    name: ObjectName
    options: tuple[str, ...] = ()  # as written, upper-cased first words: ("RESTART", "OWNED BY")
    rename_to: Name | None = None  # ALTER SEQUENCE s RENAME TO t


@dataclass(frozen=True, kw_only=True)
class CreateType(Statement):
    """CREATE TYPE: an enum (`enum_values`), a composite, a range, a base type (`type_kind`)."""

    kind: ClassVar[str] = "create-type"
    name: ObjectName
    type_kind: str  # ENUM, COMPOSITE, RANGE, BASE, SHELL
    enum_values: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class AlterType(Statement):
    """ALTER TYPE: ADD VALUE (with BEFORE/AFTER), RENAME VALUE, RENAME TO, ADD/DROP/ALTER
    ATTRIBUTE, OWNER TO, SET SCHEMA (`action` upper case)."""

    kind: ClassVar[str] = "alter-type"
    name: ObjectName
    action: str
    value: str = ""  # the enum value added or renamed (new name)
    old_value: str = ""  # RENAME VALUE's old name
    before: str = ""
    after: str = ""
    if_not_exists: bool = False


@dataclass(frozen=True, kw_only=True)
class CreateDomain(Statement):
    kind: ClassVar[str] = "create-domain"
    name: ObjectName
    base_type: str
    not_null: bool = False
    checks: tuple[Expr, ...] = ()
    default: Expr | None = None


@dataclass(frozen=True, kw_only=True)
class AlterDomain(Statement):
    """ALTER DOMAIN: ADD CONSTRAINT [NOT VALID], DROP CONSTRAINT, VALIDATE CONSTRAINT, SET/DROP
    NOT NULL, SET/DROP DEFAULT, RENAME, OWNER TO (`action` upper case)."""

    kind: ClassVar[str] = "alter-domain"
    name: ObjectName
    action: str
    constraint_name: Name | None = None
    not_valid: bool = False
    check: Expr | None = None


@dataclass(frozen=True, kw_only=True)
class CreateExtension(Statement):
    kind: ClassVar[str] = "create-extension"
    name: Name
    if_not_exists: bool = False


@dataclass(frozen=True, kw_only=True)
class CreateRoutine(Statement):
    """CREATE FUNCTION/PROCEDURE/TRIGGER/EVENT/RULE/POLICY (`routine_kind` upper case)."""

    kind: ClassVar[str] = "create-routine"
    routine_kind: str
    name: ObjectName
    or_replace: bool = False
    on_table: ObjectName | None = None  # a trigger's, rule's or policy's table
    language: str = ""
    body: str = ""  # as written, when the routine has one


@dataclass(frozen=True, kw_only=True)
class Comment(Statement):
    """COMMENT ON TABLE/COLUMN/INDEX/… IS '…' (`text_value` None for IS NULL)."""

    kind: ClassVar[str] = "comment"
    object_kind: str  # TABLE, COLUMN, INDEX, … upper case
    target: ObjectName  # for a column: the table
    column: Name | None = None
    comment: str | None = None


@dataclass(frozen=True, kw_only=True)
class SetSetting(Statement):
    """SET [SESSION|LOCAL|GLOBAL] name = value; PostgreSQL `SET LOCAL`, `RESET`, `SET ROLE`,
    `SET search_path`; MySQL `SET @@session.x`, `SET NAMES`, `SET @var = …` (`user_variable`).
    `name` is lower case and complete (`lock_timeout`, `foo.lock_timeout`); `value` as
    written without quotes."""

    kind: ClassVar[str] = "set-setting"
    name: str
    value: str = ""
    scope: str = "session"  # session, local, global, transaction
    reset: bool = False
    user_variable: bool = False
    values: tuple[str, ...] = ()  # every value of a list (search_path)
    assignments: tuple[tuple[str, str], ...] = ()  # MySQL `SET a = 1, b = 2`: all of them


@dataclass(frozen=True, kw_only=True)
class TransactionControl(Statement):
    """BEGIN / START TRANSACTION / COMMIT / END / ROLLBACK [TO] / SAVEPOINT / RELEASE /
    PREPARE TRANSACTION / COMMIT PREPARED (`action` upper case: BEGIN, COMMIT, ROLLBACK,
    SAVEPOINT, RELEASE, ROLLBACK TO, PREPARE, COMMIT PREPARED, ROLLBACK PREPARED)."""

    kind: ClassVar[str] = "transaction"
    action: str


@dataclass(frozen=True)
class Assignment:
    column: Name
    value: Expr
    span: Span = field(default=NO_SPAN, compare=False)


@dataclass(frozen=True, kw_only=True)
class Insert(Statement):
    kind: ClassVar[str] = "insert"
    table: ObjectName
    columns: tuple[Name, ...] = ()
    rows: int = 0  # VALUES rows written
    query: Query | None = None  # INSERT … SELECT
    replace: bool = False  # MySQL REPLACE INTO
    ignore: bool = False  # MySQL INSERT IGNORE
    on_conflict: str = ""  # "NOTHING", "UPDATE" (ON CONFLICT / ON DUPLICATE KEY UPDATE)
    on_conflict_where: Expr | None = None
    # ON CONFLICT (cols) WHERE …: the predicate that picks the arbiter (partial) index
    on_conflict_target_where: Expr | None = None
    updates: tuple[Assignment, ...] = ()  # the DO UPDATE SET / ON DUPLICATE KEY UPDATE part
    values: tuple[tuple[Expr, ...], ...] = ()  # the VALUES rows' expressions, row by row
    returning: tuple[Expr, ...] = ()  # PostgreSQL RETURNING …
    alias: str = ""  # PostgreSQL INSERT INTO t AS alias


@dataclass(frozen=True, kw_only=True)
class Update(Statement):
    kind: ClassVar[str] = "update"
    table: ObjectName
    assignments: tuple[Assignment, ...]
    sources: tuple[Query, ...] = ()  # FROM … as a query (its sources and join conditions)
    where: Expr | None = None
    order_by: tuple[Expr, ...] = ()
    limit: Expr | None = None
    ctes: tuple[Query, ...] = ()
    cte_names: tuple[Name, ...] = ()  # the names of `ctes`, in order
    joined: tuple[ObjectName, ...] = ()  # MySQL multi-table UPDATE a JOIN b
    alias: str = ""  # UPDATE orders o: "o"
    returning: tuple[Expr, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Delete(Statement):
    kind: ClassVar[str] = "delete"
    table: ObjectName
    where: Expr | None = None
    using: tuple[Query, ...] = ()
    order_by: tuple[Expr, ...] = ()
    limit: Expr | None = None
    ctes: tuple[Query, ...] = ()
    cte_names: tuple[Name, ...] = ()  # the names of `ctes`, in order
    alias: str = ""  # DELETE FROM orders o: "o"
    returning: tuple[Expr, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Merge(Statement):
    kind: ClassVar[str] = "merge"
    target: ObjectName
    source: Query | None
    on: Expr | None = None
    when_conditions: tuple[Expr, ...] = ()
    alias: str = ""  # MERGE INTO orders t: "t"
    assignments: tuple[Assignment, ...] = ()  # the SET of every WHEN … THEN UPDATE
    values: tuple[Expr, ...] = ()  # the VALUES of every WHEN … THEN INSERT
    returning: tuple[Expr, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Select(Statement):
    """A query run for its result or its side effects (`SELECT setval(…)`)."""

    kind: ClassVar[str] = "select"
    query: Query
    into: ObjectName | None = None  # PostgreSQL SELECT … INTO t (creates t: see CreateTableAs)


@dataclass(frozen=True, kw_only=True)
class LockTable(Statement):
    kind: ClassVar[str] = "lock-table"
    tables: tuple[ObjectName, ...]
    mode: str = "ACCESS EXCLUSIVE"  # PostgreSQL mode name; MySQL READ / WRITE
    nowait: bool = False


@dataclass(frozen=True, kw_only=True)
class Maintenance(Statement):
    """VACUUM [FULL], ANALYZE, CLUSTER, REFRESH MATERIALIZED VIEW [CONCURRENTLY], MySQL
    OPTIMIZE/ANALYZE/CHECK/REPAIR TABLE, SQLite VACUUM (`operation` upper case)."""

    kind: ClassVar[str] = "maintenance"
    operation: str  # VACUUM, VACUUM FULL, ANALYZE, CLUSTER, REFRESH MATERIALIZED VIEW, OPTIMIZE
    tables: tuple[ObjectName, ...] = ()
    concurrently: bool = False


@dataclass(frozen=True, kw_only=True)
class Grant(Statement):
    """GRANT / REVOKE (`revoke` True), privileges and roles."""

    kind: ClassVar[str] = "grant"
    revoke: bool = False
    privileges: tuple[str, ...] = ()
    object_kind: str = ""
    objects: tuple[ObjectName, ...] = ()
    grantees: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Procedural(Statement):
    """A statement that runs code: PostgreSQL DO, CALL, MySQL CALL, EXECUTE, PREPARE."""

    kind: ClassVar[str] = "procedural"
    command: str  # DO, CALL, EXECUTE, PREPARE
    target: str = ""  # the procedure called, as written
    language: str = ""
    body: str = ""


@dataclass(frozen=True, kw_only=True)
class UseDatabase(Statement):
    """MySQL `USE db`: later unqualified names live in `db`."""

    kind: ClassVar[str] = "use-database"
    database: Name


@dataclass(frozen=True, kw_only=True)
class AlterObject(Statement):
    """An ALTER of an object the model has no dedicated node for: VIEW, MATERIALIZED VIEW,
    FUNCTION, PROCEDURE, ROUTINE, AGGREGATE, POLICY, TRIGGER, RULE, ROLE (USER/GROUP), DATABASE,
    SYSTEM, EXTENSION, … (`object_kind` upper case, as written after ALTER: "MATERIALIZED
    VIEW"; ROLE for USER and GROUP too).

    `action` upper case: RENAME TO, OWNER TO, SET SCHEMA, SET OPTIONS / RESET OPTIONS (a
    view's `SET (…)`), ALTER COLUMN SET DEFAULT / DROP DEFAULT (a view column's), OPTIONS (a
    function's attributes or a role's or database's options), SET CONFIG / RESET CONFIG
    (`SET name = …` on a function, role, database, the system), POLICY (ALTER POLICY's USING /
    WITH CHECK / TO), UPDATE (an extension's version), ADD MEMBER / DROP MEMBER (an extension's
    objects), DEPENDS ON EXTENSION, REFRESH COLLATION. `changes` says what an OPTIONS or POLICY
    action changes, lower case: ("strict", "security") for a function, ("using", "with check",
    "to") for a policy; `setting` the configuration parameter of SET/RESET CONFIG."""

    kind: ClassVar[str] = "alter-object"
    object_kind: str
    name: ObjectName | None
    action: str
    on_table: ObjectName | None = None  # a policy's, trigger's or rule's table
    rename_to: Name | None = None
    changes: tuple[str, ...] = ()
    setting: str = ""
