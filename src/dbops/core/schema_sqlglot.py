"""sqlglot-tree helpers for the rules not yet ported to the typed statement model.

They read a statement's sqlglot tree into the schema model's terms (keys, columns, indexes). The
schema replay no longer uses them (it reads only dbops.core.statements); once every rule reads
the typed model, this module goes.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from sqlglot import exp

from dbops.core.schema import (
    CHECK,
    FOREIGN,
    INDEX,
    PRIMARY,
    UNIQUE,
    Column,
    Index,
    SchemaModel,
    Table,
)
from dbops.core.sql import get_dialect


def name_of(model: SchemaModel, node: object) -> str:
    """A normalized identifier: folded unless quoted (PostgreSQL), folded always elsewhere."""
    if node is None:
        return ""
    if isinstance(node, str):
        return node.lower()
    if not isinstance(node, exp.Expression):
        return str(node).lower()
    identifier = node if isinstance(node, exp.Identifier) else node.find(exp.Identifier)
    if identifier is None:
        return node.name.lower()
    quoted = bool(identifier.args.get("quoted"))
    if model.dialect == "postgres" and quoted:
        return str(identifier.this)
    return str(identifier.this).lower()


def table_key(model: SchemaModel, table: object) -> str:
    """Normalized qualified name of a sqlglot table reference."""
    assert isinstance(table, exp.Table)
    name = _table_name(model, table.this)
    schema = name_of(model, table.args.get("db")) or model.default_schema()
    return f"{schema}.{name}" if schema else name


def _table_name(model: SchemaModel, node: object) -> str:
    """MySQL keeps table names' case (lower_case_table_names=0); others fold as `name_of`."""
    if model.dialect == "mysql" and isinstance(node, exp.Identifier):
        return str(node.this)
    return name_of(model, node)


def find_table(model: SchemaModel, table: object) -> Table | None:
    return model.tables.get(table_key(model, table)) if isinstance(table, exp.Table) else None


def drop_target(action: exp.Drop) -> exp.Expression | None:
    """What an `ALTER TABLE … DROP COLUMN|CONSTRAINT x` action drops (sqlglot keeps it in
    `tables`)."""
    target = action.this
    if isinstance(target, exp.Expression):
        return target
    tables = action.args.get("tables") or []
    first = tables[0] if tables else None
    return first if isinstance(first, exp.Expression) else None


def index_columns(index: exp.Index, model: SchemaModel) -> tuple[str, ...]:
    params = index.args.get("params")
    columns: list[str] = []
    for part in params.args.get("columns") or [] if params else []:
        node = part.this if isinstance(part, exp.Ordered) else part
        if isinstance(node, exp.Column):
            columns.append(name_of(model, node.this))
        else:
            inner = node.find(exp.Column)
            columns.append(name_of(model, inner.this) if inner else node.sql())
    return tuple(columns)


def column_constraints(
    definition: exp.ColumnDef, table_key: str, model: SchemaModel
) -> Iterator[Index]:
    """Keys declared on a column: `id int PRIMARY KEY`, `u int UNIQUE`, `a int REFERENCES t`."""
    column = name_of(model, definition.this)
    for constraint in definition.constraints:
        name = name_of(model, constraint.this) if constraint.this else ""
        kind = constraint.kind
        if isinstance(kind, exp.PrimaryKeyColumnConstraint):
            yield Index(name, table_key, (column,), PRIMARY)
        elif isinstance(kind, exp.UniqueColumnConstraint):
            yield Index(name, table_key, (column,), UNIQUE)
        elif isinstance(kind, exp.Reference):
            target, columns = _reference(kind, model)
            yield Index(name, table_key, (column,), FOREIGN, target, columns)
        elif isinstance(kind, exp.CheckColumnConstraint):
            yield Index(name, table_key, (column,), CHECK)


def table_constraints(
    definition: exp.Expression, table_key: str, model: SchemaModel
) -> Iterator[Index]:
    """Keys declared at table level, named (`CONSTRAINT pk PRIMARY KEY (a)`) or not."""
    name = ""
    parts: list[exp.Expression] = [definition]
    if isinstance(definition, exp.Constraint):
        name = name_of(model, definition.this)
        parts = list(definition.expressions)
    for part in parts:
        if isinstance(part, exp.PrimaryKey):
            yield Index(name, table_key, _names(part.expressions, model), PRIMARY)
        elif isinstance(part, exp.UniqueColumnConstraint):
            schema = part.this
            columns = _names(schema.expressions if isinstance(schema, exp.Schema) else [], model)
            own = schema.this if isinstance(schema, exp.Schema) else None  # MySQL `UNIQUE KEY uk`
            own_name = name_of(model, own) if isinstance(own, exp.Identifier) else name
            yield Index(own_name or name, table_key, columns, UNIQUE)
        elif isinstance(part, exp.ForeignKey):
            reference = part.args.get("reference")
            target, referenced = _reference(reference, model) if reference else (None, ())
            columns = _names(part.expressions, model)
            yield Index(name, table_key, columns, FOREIGN, target, referenced)
        elif isinstance(part, exp.CheckColumnConstraint):
            found = part.find_all(exp.Column)
            columns = tuple(dict.fromkeys(name_of(model, c.this) for c in found))
            yield Index(name, table_key, columns, CHECK)
        elif isinstance(part, exp.IndexColumnConstraint):  # MySQL `KEY i (a)`, `INDEX (a)`
            own_name = name_of(model, part.this) if part.this else name
            yield Index(own_name, table_key, _names(part.expressions, model), INDEX)


def _reference(reference: exp.Reference, model: SchemaModel) -> tuple[str | None, tuple[str, ...]]:
    target = reference.this
    if isinstance(target, exp.Schema) and isinstance(target.this, exp.Table):
        return table_key(model, target.this), _names(target.expressions, model)
    if isinstance(target, exp.Table):
        return table_key(model, target), ()
    return None, ()


def _names(nodes: list[exp.Expression], model: SchemaModel) -> tuple[str, ...]:
    return tuple(name_of(model, node) for node in nodes)


def _comment_text(node: exp.Expression | None) -> str | None:
    if isinstance(node, exp.Literal) and node.is_string:
        return str(node.this) or None
    return None


def column_from_definition(definition: exp.ColumnDef, dialect: str) -> Column:
    kind = definition.args.get("kind")
    default: str | None = None
    comment: str | None = None
    for constraint in definition.constraints:
        if isinstance(constraint.kind, exp.DefaultColumnConstraint):
            default = to_sql(constraint.kind.this, dialect) if constraint.kind.this else None
        elif isinstance(constraint.kind, exp.CommentColumnConstraint):
            comment = _comment_text(constraint.kind.this)
    return Column(
        name=definition.name.lower(),
        type=to_sql(kind, dialect) if kind is not None else "",
        nullable=column_nullable(definition),
        default=default,
        comment=comment,
    )


def column_nullable(definition: exp.ColumnDef) -> bool:
    """Whether a column definition allows NULL (the last NULL / NOT NULL wins; a primary key
    never does)."""
    nullable = True
    for constraint in definition.constraints:
        if isinstance(constraint.kind, exp.NotNullColumnConstraint):
            nullable = bool(constraint.kind.args.get("allow_null"))
        elif isinstance(constraint.kind, exp.PrimaryKeyColumnConstraint):
            nullable = False
    return nullable


def to_sql(node: exp.Expression, dialect: str) -> str:
    """`node.sql(dialect=dialect)` with the cached dialect: `Expression.sql` builds a new sqlglot
    Dialect for every call, which cost a second per review of 2,000 files. A plain type (`text`,
    `bigint`: nothing but its name) always reads the same, so it is generated once."""
    if isinstance(node, exp.DataType) and _is_plain_type(node):
        return _plain_type_sql(node.this, dialect)
    return get_dialect(dialect).generate(node)


def _is_plain_type(node: exp.DataType) -> bool:
    return (
        isinstance(node.this, exp.DType)
        and not node.comments
        and not any(value for key, value in node.args.items() if key != "this")
    )


@cache
def _plain_type_sql(kind: exp.DType, dialect: str) -> str:
    return get_dialect(dialect).generate(exp.DataType(this=kind))


def legacy_type_sql(column: Column, dialect: str) -> str:
    """A replayed column's type as `to_sql` writes a sqlglot type (`VARCHAR(80)`), for the rules
    that compare it with a statement's sqlglot tree; "" when sqlglot cannot read it."""
    written = column.type_name.written
    if not written:
        return ""
    try:
        return to_sql(exp.DataType.build(written, dialect=get_dialect(dialect)), dialect)
    except Exception:  # sqlglot reads fewer types than the engines; then the type is unknown
        return ""
