"""What the statement rules ask of a statement's queries and expressions: every query nested in
it, every expression it computes, every filter (WHERE, JOIN … ON, MERGE … ON / WHEN, ON CONFLICT
… WHERE) with the tables its columns can name."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from dbops.core.schema import SchemaModel, Table
from dbops.core.statements import (
    AddColumn,
    AddConstraint,
    AlterColumnType,
    AlterDomain,
    AlterTable,
    ColumnDef,
    CreateDomain,
    CreateIndex,
    CreateTable,
    CreateTableAs,
    CreateView,
    Delete,
    Expr,
    ExprKind,
    Insert,
    Merge,
    ModifyColumn,
    ObjectName,
    Query,
    Select,
    SetDefault,
    Statement,
    TableSource,
    Update,
)

# What makes an expression around a column a calculation (PostgreSQL `^` is a power, `#` and
# MySQL `^` an exclusive or).
CALCULATIONS = frozenset({"+", "-", "*", "/", "%", "^", "#", "div", "mod"})
AGGREGATES = frozenset(
    {"count", "sum", "avg", "min", "max", "array_agg", "string_agg", "group_concat", "bool_and"}
    | {"bool_or", "every", "json_agg", "jsonb_agg", "stddev", "variance"}
)


def top_queries(statement: Statement) -> Iterator[Query]:
    """The queries a statement holds directly (not those nested in them)."""
    if isinstance(statement, Select | CreateView | CreateTableAs | Insert):
        if statement.query is not None:
            yield statement.query
    elif isinstance(statement, Update):
        yield from statement.ctes
        yield from statement.sources
    elif isinstance(statement, Delete):
        yield from statement.ctes
        yield from statement.using
    elif isinstance(statement, Merge) and statement.source is not None:
        yield statement.source


def own_expressions(statement: Statement) -> Iterator[Expr]:
    """The top expressions of a statement outside its queries: an UPDATE's SET and WHERE, an
    INSERT's VALUES, a column's DEFAULT, an index's expressions."""
    if isinstance(statement, Update):
        yield from (assignment.value for assignment in statement.assignments)
        yield from _present(statement.where, statement.limit)
        yield from (*statement.order_by, *statement.returning)
    elif isinstance(statement, Delete):
        yield from _present(statement.where, statement.limit)
        yield from (*statement.order_by, *statement.returning)
    elif isinstance(statement, Insert):
        for row in statement.values:
            yield from row
        yield from (assignment.value for assignment in statement.updates)
        yield from _present(statement.on_conflict_target_where, statement.on_conflict_where)
        yield from statement.returning
    elif isinstance(statement, Merge):
        yield from _present(statement.on)
        yield from statement.when_conditions
        yield from (assignment.value for assignment in statement.assignments)
        yield from (*statement.values, *statement.returning)
    else:
        yield from _definition_expressions(statement)


def all_queries(statement: Statement) -> Iterator[Query]:
    """Every query of a statement, nested ones (CTEs, subqueries, set operands) included."""
    for query in top_queries(statement):
        yield from query.walk()
    for expr in own_expressions(statement):
        for inner in expr.walk():
            if inner.query is not None:
                yield from inner.query.walk()


def all_expressions(statement: Statement) -> Iterator[Expr]:
    """Every expression a statement computes, in its queries too, each node once."""
    for expr in own_expressions(statement):
        yield from expr.walk()
    for query in all_queries(statement):
        for expr in query.expressions():
            yield from expr.walk()


def function_name(call: Expr) -> str:
    """A function call's name as written: `UPPER` in `UPPER(name)`."""
    written = call.text.split("(", 1)[0].strip()
    return written or call.name


def literal_value(expr: Expr) -> str | None:
    """The value of a string literal as written without its quotes, None for anything else."""
    text = expr.text.strip()
    if expr.kind is not ExprKind.LITERAL or len(text) < 2 or text[-1] != "'":
        return None
    start = text.index("'")  # E'…', N'…'
    return text[start + 1 : -1].replace("''", "'")


# -- filters and the tables their columns name ----------------------------------------------


@dataclass(frozen=True)
class Source:
    """A table or derived table a query reads, under the name its columns qualify it by."""

    name: str  # alias, or the table's name; lower case
    table: ObjectName | None = None  # a real table
    derived: Query | None = None  # a subquery or WITH query (None with no table: a function)


@dataclass(frozen=True)
class Scope:
    sources: tuple[Source, ...]
    parent: Scope | None = None


@dataclass(frozen=True)
class Filter:
    condition: Expr
    scope: Scope = field(repr=False)


def filters(statement: Statement) -> Iterator[Filter]:
    """Every filter of a statement, nested queries' included, with the scope its columns
    resolve in (a correlated subquery's scope has the outer query's as parent)."""
    visible: dict[str, Query] = {}
    if isinstance(statement, Update | Delete):
        own = _ctes_visible(statement.ctes, visible)
        for cte in statement.ctes:
            yield from _query_filters(cte, None, own)
        extra = statement.sources if isinstance(statement, Update) else statement.using
        scope = Scope(
            (
                _target(statement.table, statement.alias),
                *(s for q in extra for s in _sources(q.sources, own)),
            )
        )
        for query in extra:
            yield from _query_filters(query, None, own)
        yield from _expression_filters(statement.where, scope, own)
        values = [a.value for a in statement.assignments] if isinstance(statement, Update) else []
        for expr in (*values, *statement.returning):
            yield from _subquery_filters(expr, scope, own)
    elif isinstance(statement, Merge):
        source = statement.source
        scope = Scope(
            (
                _target(statement.target, statement.alias),
                *(_sources(source.sources, visible) if source is not None else ()),
            )
        )
        if source is not None:
            yield from _query_filters(source, None, visible)
        for condition in (statement.on, *statement.when_conditions):
            yield from _expression_filters(condition, scope, visible)
        for expr in (*(a.value for a in statement.assignments), *statement.values):
            yield from _subquery_filters(expr, scope, visible)
        for expr in statement.returning:
            yield from _subquery_filters(expr, scope, visible)
    elif isinstance(statement, Insert):
        scope = Scope((_target(statement.table, statement.alias),))
        if statement.query is not None:
            yield from _query_filters(statement.query, None, visible)
        yield from _expression_filters(statement.on_conflict_target_where, scope, visible)
        yield from _expression_filters(statement.on_conflict_where, scope, visible)
        rows = (expr for row in statement.values for expr in row)
        for expr in (*rows, *(a.value for a in statement.updates), *statement.returning):
            yield from _subquery_filters(expr, scope, visible)
    else:
        for query in top_queries(statement):
            yield from _query_filters(query, None, visible)


def resolve_column(column: Expr, scope: Scope, schema: SchemaModel) -> tuple[Table, str] | None:
    """The table and column key a column reference names, when the schema knows the table;
    None when it may name a derived table's column (the model does not say what a subquery's
    columns are called), an unknown table's, or nothing known."""
    qualifier = column.qualifier.rsplit(".", 1)[-1].lower()
    current: Scope | None = scope
    while current is not None:
        if qualifier:
            named = next((s for s in current.sources if s.name == qualifier), None)
            if named is not None:
                return _table_column(named, column.name, schema)
        else:
            found = [_table_column(source, column.name, schema) for source in current.sources]
            known = next((hit for hit in found if hit is not None), None)
            if known is not None:
                return known  # an unqualified name in two sources is an error in SQL
            if any(not _lacks(source, column.name, schema) for source in current.sources):
                return None
        current = current.parent
    return None


def _table_column(source: Source, name: str, schema: SchemaModel) -> tuple[Table, str] | None:
    table = schema.lookup(source.table) if source.table is not None else None
    key = _column_key(table, name) if table is not None else None
    return (table, key) if table is not None and key is not None else None


def _lacks(source: Source, name: str, schema: SchemaModel) -> bool:
    """Whether a source surely has no column `name`: a known table without it."""
    table = schema.lookup(source.table) if source.table is not None else None
    return table is not None and _column_key(table, name) is None


def wrapped_columns(condition: Expr) -> Iterator[tuple[Expr, Expr]]:
    """Each column of `condition` (outside subqueries) directly inside a function call or a
    calculation, through casts, with that function or calculation."""
    yield from _wrapped(condition, None)


def is_calculation(expr: Expr) -> bool:
    return expr.kind is ExprKind.OPERATOR and expr.name.lower() in CALCULATIONS


def _wrapped(node: Expr, around: Expr | None) -> Iterator[tuple[Expr, Expr]]:
    if node.kind is ExprKind.COLUMN:
        if around is not None and (is_calculation(around) or _plain_function(around)):
            yield node, around
        return
    inner = around if node.kind is ExprKind.CAST else node
    for argument in node.arguments:
        yield from _wrapped(argument, inner)


def _plain_function(expr: Expr) -> bool:
    return expr.kind is ExprKind.FUNCTION and expr.name.lower() not in AGGREGATES | {"exists"}


def _query_filters(
    query: Query,
    parent: Scope | None,
    visible: Mapping[str, Query],
) -> Iterator[Filter]:
    for position, cte in enumerate(query.ctes):
        seen = query.ctes if query.recursive else query.ctes[:position]
        yield from _query_filters(cte, parent, _ctes_visible(seen, visible))
    inside = _ctes_visible(query.ctes, visible)
    scope = Scope(_sources(query.sources, inside), parent)
    for operand in query.set_operands:
        yield from _query_filters(operand, parent, inside)
    for source in query.sources:
        if source.subquery is not None:
            yield from _query_filters(source.subquery, parent, inside)
    yield from _expression_filters(query.where, scope, inside)
    for source in query.sources:
        yield from _expression_filters(source.join_condition, scope, inside)
    for expr in (*query.selected, *_present(query.having, query.limit), *query.order_by):
        yield from _subquery_filters(expr, scope, inside)


def _expression_filters(
    condition: Expr | None, scope: Scope, visible: Mapping[str, Query]
) -> Iterator[Filter]:
    if condition is None:
        return
    yield Filter(condition, scope)
    yield from _subquery_filters(condition, scope, visible)


def _subquery_filters(expr: Expr, scope: Scope, visible: Mapping[str, Query]) -> Iterator[Filter]:
    for inner in expr.walk():
        if inner.query is not None:
            yield from _query_filters(inner.query, scope, visible)


def _ctes_visible(ctes: tuple[Query, ...], outer: Mapping[str, Query]) -> Mapping[str, Query]:
    if not ctes:
        return outer
    names = {cte.name.value: cte for cte in ctes if cte.name is not None}
    return {**outer, **names}


def _sources(sources: tuple[TableSource, ...], visible: Mapping[str, Query]) -> tuple[Source, ...]:
    found: list[Source] = []
    for source in sources:
        table = source.table
        if table is None:
            found.append(Source(source.alias.lower(), derived=source.subquery))
            continue
        name = (source.alias or table.name.value).lower()
        cte = visible.get(table.name.value) if table.schema is None else None
        found.append(Source(name, derived=cte) if cte is not None else Source(name, table=table))
    return tuple(found)


def _target(table: ObjectName, alias: str) -> Source:
    return Source((alias or table.name.value).lower(), table=table)


def _column_key(table: Table, name: str) -> str | None:
    if name in table.columns:
        return name
    return name.lower() if name.lower() in table.columns else None


def _present(*exprs: Expr | None) -> Iterator[Expr]:
    return (expr for expr in exprs if expr is not None)


def _definition_expressions(statement: Statement) -> Iterator[Expr]:
    if isinstance(statement, CreateTable):
        for column in statement.columns:
            yield from _column_expressions(column)
        yield from _present(*(c.check for c in statement.constraints))
    elif isinstance(statement, AlterTable):
        for action in statement.actions:
            if isinstance(action, AddColumn | ModifyColumn):
                yield from _column_expressions(action.column)
            elif isinstance(action, SetDefault):
                yield action.default
            elif isinstance(action, AlterColumnType):
                yield from _present(action.using)
            elif isinstance(action, AddConstraint):
                yield from _present(action.constraint.check)
    elif isinstance(statement, CreateIndex):
        yield from _present(*(element.expression for element in statement.elements))
        yield from _present(statement.where)
    elif isinstance(statement, CreateDomain):
        yield from (*statement.checks, *_present(statement.default))
    elif isinstance(statement, AlterDomain):
        yield from _present(statement.check)


def _column_expressions(column: ColumnDef) -> Iterator[Expr]:
    yield from _present(column.default, column.generated_expr, column.on_update)
    yield from _present(*(constraint.check for constraint in column.constraints))
