"""What the lock-safety rules ask of typed statements: which columns a statement defines, which
constraints an ALTER TABLE adds, whether a table is new in this file (or rebuilt), whether a
DEFAULT is volatile, whether a type change rewrites the table. (Transactions and
`lock_timeout`: `lock_safety_transactions`.)

Everything here reads only `dbops.core.statements` and the replayed schema."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from dbops.core.statements import (
    AddColumn,
    AddConstraint,
    AlterColumnType,
    AlterTable,
    ColumnDef,
    Constraint,
    ConstraintKind,
    CreateTable,
    Expr,
    ExprKind,
    Generated,
    Insert,
    ObjectName,
    Span,
    Statement,
    TypeName,
)
from dbops.rules.base import StatementContext, Violation


def known(span: Span, fallback: Span) -> Span:
    """`span`, or `fallback` where the normalizer left the element without a position."""
    return span if span.line else fallback


def at(span: Span, message: str) -> Violation:
    """A violation pointing at `span` (the engine falls back to the statement's start for an
    element the normalizer gave no position)."""
    return Violation(message, line=span.line or None, column=span.column or None)


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


# Functions PostgreSQL marks VOLATILE that migrations use in defaults, and built-in ones that
# are STABLE or IMMUTABLE: a default calling only the latter is evaluated once and stored in the
# catalog (PostgreSQL 11+). `now()` and CURRENT_TIMESTAMP are STABLE (the transaction's start
# time), not volatile. (The same lists as the lock model's `pg_volatility`.)
_VOLATILE = frozenset(
    {
        *("random", "random_normal", "gen_random_uuid", "uuid_generate_v1"),
        *("uuid_generate_v1mc", "uuid_generate_v4", "uuidv4", "uuidv7", "clock_timestamp"),
        *("timeofday", "nextval", "setval", "txid_current", "pg_current_xact_id"),
    }
)
_NOT_VOLATILE = frozenset(
    {
        *("now", "current_timestamp", "current_date", "current_time", "localtimestamp"),
        *("localtime", "transaction_timestamp", "statement_timestamp", "current_user"),
        *("current_role", "session_user", "user", "current_schema", "current_catalog"),
        *("current_database", "current_setting", "lower", "upper", "coalesce", "nullif"),
        *("greatest", "least", "length", "concat", "concat_ws", "md5", "abs", "round"),
        *("trunc", "floor", "ceil", "to_char", "to_date", "to_timestamp", "date_trunc"),
        *("make_interval", "make_date", "jsonb_build_object", "json_build_object", "array"),
        *("jsonb_build_array", "json_build_array", "to_jsonb", "to_json", "encode", "decode"),
        *("substring", "substr", "replace", "btrim", "ltrim", "rtrim", "trim", "format"),
        *("extract", "date_part", "age", "timezone", "left", "right", "lpad", "rpad"),
        *("array_fill", "string_to_array", "array_to_string", "cardinality", "int4range"),
        *("int8range", "tstzrange", "tsrange", "daterange", "numrange", "point", "inet"),
    }
)


def volatile_function(default: Expr) -> Expr | None:
    """The first part of a DEFAULT that PostgreSQL may evaluate per row: a call known to be
    VOLATILE (`random()`, `gen_random_uuid()`, `clock_timestamp()`, `nextval()`,
    `uuid_generate_v4()`, …), a call dbops does not know (PostgreSQL creates functions VOLATILE
    unless told otherwise; it decides from its catalog, which an offline review cannot see),
    or a subquery. Array constructors, casts, literals and operators are not calls."""
    for node in default.walk():
        if node.kind is ExprKind.SUBQUERY:
            return node
        if node.kind is ExprKind.FUNCTION:
            name = node.name.lower().rsplit(".", 1)[-1]
            if name in _VOLATILE or name not in _NOT_VOLATILE:
                return node
    return None


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


_TEXT_LIKE = frozenset({"character varying", "text"})
_VARYING_BITS = frozenset({"character varying", "bit varying", "varbit"})


def type_change_rewrites(before: TypeName | None, after: TypeName, using: Expr | None) -> bool:
    """Whether PostgreSQL rewrites the table (and its indexes) for `ALTER COLUMN … TYPE after`
    on a column of type `before`: not when every old value is already a valid value of the new
    type (varchar widened, made unbounded or text; numeric widened at the same scale; checked
    against relfilenode on PostgreSQL 15); always when the old type is unknown or a USING
    expression computes more than the cast. (The lock model's `pg_types` decides the same.)"""
    if before is None:
        return True
    if using is not None and using.stripped().kind is not ExprKind.COLUMN:
        return True
    if before.array_dimensions != after.array_dimensions:
        return True
    if before.name == after.name:
        return not _widens(before, after)
    if before.name in _TEXT_LIKE and after.name in _TEXT_LIKE:
        # text -> varchar(n) must check every value's length: PostgreSQL rewrites.
        return after.name == "character varying" and after.length is not None
    return (before.name, after.name) != ("cidr", "inet")


def _widens(before: TypeName, after: TypeName) -> bool:
    """Same type: whether the new modifiers accept every old value without conversion."""
    if before.parameters == after.parameters:
        return True
    if not after.parameters:
        return before.name in (*_VARYING_BITS, "numeric")
    if before.name in _VARYING_BITS:
        old, new = before.length, after.length
        return old is not None and new is not None and new >= old
    if before.name == "numeric" and len(before.parameters) == len(after.parameters):
        numbers = [int(p) for p in (*before.parameters, *after.parameters) if p.isdigit()]
        if len(numbers) != 2 * len(before.parameters):
            return False
        half = len(before.parameters)
        old_numbers, new_numbers = numbers[:half], numbers[half:]
        same_scale = old_numbers[1:] == new_numbers[1:]
        return same_scale and new_numbers[0] >= old_numbers[0]
    return False
