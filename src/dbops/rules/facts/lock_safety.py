"""What the lock-safety rules ask of typed statements: which columns a statement defines, which
constraints an ALTER TABLE adds, whether a table is new in this file (or rebuilt), whether a
DEFAULT is volatile, whether a type change rewrites the table. (Transactions and
`lock_timeout`: `lock_safety_transactions`.)

Everything here reads only `dbops.core.statements` and the replayed schema."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from dbops.core.locks.pg_volatility import volatile_function
from dbops.core.statements import (
    AddColumn,
    AddConstraint,
    AlterColumnType,
    AlterTable,
    ColumnDef,
    Constraint,
    ConstraintKind,
    CreateTable,
    Generated,
    Insert,
    ObjectName,
    Span,
    Statement,
    TypeName,
)
from dbops.rules.base import StatementContext, Violation

# The setting the lock-safety rules' examples start with, and what require-timeout-settings'
# fix inserts (dbops' documented default: a lock not granted in 2 s fails the migration,
# which can be retried, instead of queueing every query on the table behind it).
SET_LOCK_TIMEOUT = "SET lock_timeout = '2s';\n"


def known(span: Span, fallback: Span) -> Span:
    """`span`, or `fallback` where the normalizer left the element without a position."""
    return span if span.line else fallback


def at(span: Span, message: str) -> Violation:
    """A violation pointing at `span` (the engine falls back to the statement's start for an
    element the normalizer gave no position)."""
    return Violation(
        message,
        line=span.line or None,
        column=span.column or None,
        end_line=span.end_line or None,
        end_column=span.end_column or None,
    )


# -- tables ----------------------------------------------------------------------------------
def created_in_this_file(context: StatementContext, table: ObjectName) -> bool:
    """A table created earlier in the same migration has no rows yet: scanning, rewriting or
    locking it costs nothing."""
    found = context.schema.lookup(table)
    return found is not None and found.created_in == context.file.path


def rebuilt_in_this_file(context: StatementContext, table: ObjectName) -> bool:
    """Whether a dropped table is the old half of a rebuild (SQLite's way to change a column,
    also used elsewhere): its rows were copied by `INSERT INTO new … SELECT … FROM table`
    earlier in the file, and a table of the same name stands at the end of the file, created in
    it. Running code keeps its table and the data is kept."""
    schema = context.schema
    key = schema.key_of(table)
    copied = any(
        isinstance(statement, Insert)
        and statement.query is not None
        and any(
            source.table is not None and schema.key_of(source.table) == key
            for query in statement.query.walk()
            for source in query.sources
        )
        for statement in context.previous
    )
    if not copied:
        return False
    successor = context.schema_at_end().tables.get(key)
    return successor is not None and successor.created_in == context.file.path


# -- columns ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class ColumnSite:
    """A column a statement defines: in CREATE TABLE (`created`) or by ALTER TABLE … ADD."""

    table: ObjectName
    column: ColumnDef
    created: bool


def column_sites(statement: Statement) -> Iterator[ColumnSite]:
    if isinstance(statement, CreateTable):
        for column in statement.columns:
            yield ColumnSite(statement.table, column, True)
    elif isinstance(statement, AlterTable):
        for action in statement.actions:
            if isinstance(action, AddColumn):
                yield ColumnSite(statement.table, action.column, False)


def typed_columns(statement: Statement) -> Iterator[tuple[str, TypeName, Span]]:
    """(column as written, its type, where) for every column a statement defines or retypes:
    what the type rules judge."""
    for site in column_sites(statement):
        if site.column.type is not None:
            yield site.column.name.written, site.column.type, site.column.span
    if isinstance(statement, AlterTable):
        for action in statement.actions:
            if isinstance(action, AlterColumnType):
                yield action.column.written, action.type, action.span


def fills_existing_rows(column: ColumnDef) -> bool:
    """Whether a column added to a table with rows gets a value in each of them: from its
    DEFAULT, or because it is a stored generated column (computed from the row) or an identity,
    serial or AUTO_INCREMENT column (numbered from a sequence)."""
    return (
        column.default is not None
        or column.generated is Generated.STORED
        or column.identity
        or column.serial
        or column.auto_increment
    )


def rewrite_reason(column: ColumnDef) -> str | None:
    """Why `ALTER TABLE … ADD COLUMN column` rewrites every row of the table (PostgreSQL 11+),
    or None when the column is added in the catalog only."""
    if column.generated is Generated.STORED:
        return "is a STORED generated column, computed and written for every row"
    if column.identity:
        return "is an identity column, numbered from its sequence in every row"
    if column.serial:
        written = column.type.written if column.type is not None else "serial"
        return f"is {written}, numbered from its sequence in every row"
    if column.default is not None:
        call = volatile_function(column.default)
        if call is not None:
            return f"has a volatile DEFAULT {call.text}, evaluated for every row"
    return None


# -- constraints -----------------------------------------------------------------------------
@dataclass(frozen=True)
class AddedConstraint:
    """A constraint an ALTER TABLE adds, as `ADD CONSTRAINT` (`inline` False) or on a column
    it adds (`ADD COLUMN c int REFERENCES t`)."""

    table: ObjectName
    constraint: Constraint
    inline: bool
    span: Span


def added_constraints(statement: AlterTable) -> Iterator[AddedConstraint]:
    for action in statement.actions:
        if isinstance(action, AddConstraint):
            span = known(action.constraint.span, action.span)
            yield AddedConstraint(statement.table, action.constraint, False, span)
        elif isinstance(action, AddColumn):
            for constraint in action.column.constraints:
                span = known(constraint.span, known(action.column.span, action.span))
                yield AddedConstraint(statement.table, constraint, True, span)


def constraint_label(added: AddedConstraint) -> str:
    """`constraint "orders_user_fk"`, or `the foreign key on "user_id"` when unnamed."""
    constraint = added.constraint
    if constraint.name is not None:
        return f'constraint "{constraint.name.written}"'
    columns = ", ".join(f'"{c.written}"' for c in constraint.columns)
    kind = f"{str(constraint.kind).upper()} constraint"
    return f"the {kind} on {columns}" if columns else f"the {kind}"


def validated_on_existing_table(
    context: StatementContext, kind: ConstraintKind
) -> Iterator[AddedConstraint]:
    """Constraints of `kind` an ALTER TABLE adds without NOT VALID to a table that may have
    rows: PostgreSQL checks every row while it holds a lock that blocks writes."""
    statement = context.statement
    if not isinstance(statement, AlterTable) or created_in_this_file(context, statement.table):
        return
    for added in added_constraints(statement):
        if added.constraint.kind is kind and not added.constraint.not_valid:
            yield added


# -- types -----------------------------------------------------------------------------------
_MYSQL_INTEGERS = frozenset({"tinyint", "smallint", "mediumint", "int", "bigint"})


def same_type(old: TypeName, new: TypeName) -> bool:
    """Whether two column types are the same type (as the engine names it, with the same
    parameters; MySQL's integer display width `int(11)` is no parameter of the type)."""
    shape = (old.name, old.array_dimensions, old.unsigned)
    if shape != (new.name, new.array_dimensions, new.unsigned):
        return False
    return old.name in _MYSQL_INTEGERS or old.parameters == new.parameters


def column_type_before(
    context: StatementContext, table: ObjectName, column: str
) -> TypeName | None:
    """The type the replayed schema knows for `table.column` (by the engine's name), if any."""
    found = context.schema.lookup(table)
    known = found.columns.get(column) if found is not None else None
    return known.type_name if known is not None else None
