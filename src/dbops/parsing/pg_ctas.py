"""Statements defined by a query: CREATE TABLE … AS, SELECT … INTO, CREATE [MATERIALIZED] VIEW,
and MERGE, from pglast nodes."""

from __future__ import annotations

from typing import Any

from dbops.core.statements import (
    ColumnDef,
    CreateTableAs,
    CreateView,
    Merge,
    Name,
    Query,
    Statement,
    TableSource,
    TypeName,
)
from dbops.parsing.pg_context import Context
from dbops.parsing.pg_dml_parts import merge_actions, returning, target_alias
from dbops.parsing.pg_nodes import constant
from dbops.parsing.pg_queries import strings
from dbops.parsing.pg_types import type_name

# The type PostgreSQL gives a CTAS column computed from a bare constant (unknown -> text).
_CONSTANT_TYPES = {"ival": "integer", "fval": "numeric", "sval": "text", "boolval": "boolean"}


def create_table_as(node: Any, ctx: Context) -> Statement:
    into = node.into
    source = ctx.source
    relation = into.rel
    start = source.qualified_end(relation.location or 0)
    end = _query_end(ctx)
    query = ctx.queries.statement_query(node.query, start, end)
    columns, column_sources = result_columns(node.query, query, ctx, strings(into.colNames))
    if into.colNames:  # CREATE TABLE t (a, b) AS …: the names are written in that list
        position = start
        named: list[ColumnDef] = []
        for column in columns:
            name, position = ctx.find_name(column.name.value, position)
            named.append(ColumnDef(name=name, type=column.type, span=name.span))
        columns = tuple(named)
    return CreateTableAs(
        text=ctx.text,
        span=source.locator.whole(),
        table=ctx.relation(relation),
        query=query,
        columns=columns,
        column_sources=column_sources,
        if_not_exists=bool(node.if_not_exists),
        temporary=relation.relpersistence == "t",
        with_data=not into.skipData,
        materialized=node.objtype == "OBJECT_MATVIEW",
    )


def select_into(node: Any, ctx: Context) -> Statement:
    """`SELECT … INTO [TEMP] t FROM …`: creates `t` like CREATE TABLE … AS."""
    into = node.intoClause
    query = ctx.queries.query(node, 0, len(ctx.text))
    columns, column_sources = result_columns(node, query, ctx, strings(into.colNames))
    relation = into.rel
    return CreateTableAs(
        text=ctx.text,
        span=ctx.source.locator.whole(),
        table=ctx.relation(relation),
        query=query,
        columns=columns,
        column_sources=column_sources,
        temporary=relation.relpersistence == "t",
    )


def _query_end(ctx: Context) -> int:
    """The end of a CTAS's query: before a trailing WITH [NO] DATA."""
    tokens = ctx.source.tokens
    if len(tokens) >= 2 and tokens[-1].upper == "DATA":
        with_at = -3 if tokens[-2].upper == "NO" else -2
        if len(tokens) >= -with_at and tokens[with_at].upper == "WITH":
            return tokens[with_at].start
    return len(ctx.text)


def result_columns(
    node: Any, query: Query, ctx: Context, names: list[str]
) -> tuple[tuple[ColumnDef, ...], tuple[tuple[str, str], ...]]:
    """The columns a query's result has (names, and types where a cast or a constant shows
    them), and the (column, "table.column") pairs of columns copied from a table; a `*` is
    the pair ("*", "table.*")."""
    while node.op is not None and node.op != "SETOP_NONE":  # a UNION's columns: the first
        node = node.larg
        query = query.set_operands[0] if query.set_operands else query
    tables = _tables_by_alias(query)
    columns: list[ColumnDef] = []
    sources: list[tuple[str, str]] = []
    for index, target in enumerate(node.targetList or ()):
        value = target.val
        column_name = _result_name(target)
        if index < len(names):
            column_name = names[index]
        if type(value).__name__ == "ColumnRef" and type(value.fields[-1]).__name__ == "A_Star":
            qualifier = ".".join(f.sval for f in value.fields[:-1])
            for alias, table in tables.items():
                if alias and (not qualifier or qualifier == alias):
                    sources.append(("*", f"{table}.*"))
            continue
        location = target.location
        name = _name(ctx, column_name, location)
        columns.append(ColumnDef(name=name, type=_result_type(value, ctx), span=name.span))
        if type(value).__name__ == "ColumnRef":
            qualifier = ".".join(f.sval for f in value.fields[:-1])
            copied_from = tables.get(qualifier) if qualifier else _only_table(tables)
            if copied_from is not None:
                sources.append((column_name, f"{copied_from}.{value.fields[-1].sval}"))
    return tuple(columns), tuple(dict.fromkeys(sources))


def _name(ctx: Context, value: str, location: int | None) -> Name:
    if location is None:
        return Name(value)
    end = ctx.source.element_end(location)
    # the alias is the last spelling of the name in the element (`o.total AS total`)
    found, after = ctx.find_name(value, location, end)
    last = found
    while found.span.line:
        last = found
        found, after = ctx.find_name(value, after, end)
    if last.span.line:
        return last
    return Name(value, span=ctx.source.span(location, end))


def _tables_by_alias(query: Query) -> dict[str, str]:
    """Each table source of the query under its alias and its name: {"o": "shop.orders"}."""
    tables: dict[str, str] = {}
    for source in query.sources:
        if source.table is None:
            continue
        key = source.table.key()
        tables[source.alias or source.table.name.value] = key
        if source.alias == "":
            tables.setdefault(key, key)
    return tables


def _only_table(tables: dict[str, str]) -> str | None:
    distinct = set(tables.values())
    return next(iter(distinct)) if len(distinct) == 1 else None


def _result_name(target: Any) -> str:
    """The column name PostgreSQL gives a select-list entry (FigureColname)."""
    if target.name:
        return str(target.name)
    return _figure_name(target.val) or "?column?"


def _figure_name(node: Any) -> str:
    kind = type(node).__name__
    if kind == "ColumnRef":
        last = node.fields[-1]
        return str(last.sval or "")
    if kind == "FuncCall":
        return str(node.funcname[-1].sval)
    if kind == "TypeCast":
        return _figure_name(node.arg) or str(node.typeName.names[-1].sval)
    if kind == "A_Indirection":
        last = node.indirection[-1]
        return str(last.sval or "") or _figure_name(node.arg)
    if kind == "CaseExpr":
        return "case"
    if kind == "A_ArrayExpr":
        return "array"
    if kind == "CoalesceExpr":
        return "coalesce"
    if kind == "MinMaxExpr":
        return "greatest" if node.op == "IS_GREATEST" else "least"
    if kind == "SQLValueFunction":
        return str(node.op.removeprefix("SVFOP_").lower())
    if kind == "SubLink" and node.subLinkType == "EXISTS_SUBLINK":
        return "exists"
    return ""


def _result_type(node: Any, ctx: Context) -> TypeName | None:
    kind = type(node).__name__
    if kind == "TypeCast":
        return type_name(node.typeName, ctx.source)[0]
    if kind == "A_Const" and not node.isnull:
        value = constant(node)
        if value is not None and value[0] in _CONSTANT_TYPES:
            return TypeName(name=_CONSTANT_TYPES[value[0]], written="")
    return None


def create_view(node: Any, ctx: Context) -> Statement:
    source = ctx.source
    view = node.view
    as_at = source.keyword_after(source.qualified_end(view.location or 0), ("AS",))
    end = len(ctx.text)
    check_at = source.top_keyword(max(as_at, 0), end, ("WITH",))
    if (
        check_at >= 0
        and node.withCheckOption is not None
        and (node.withCheckOption != "NO_CHECK_OPTION")
    ):
        end = check_at
    query = ctx.queries.statement_query(node.query, max(as_at, 0), end)
    columns = []
    position = view.location or 0
    for alias in strings(node.aliases):
        name, position = ctx.find_name(alias, position)
        columns.append(name)
    return CreateView(
        text=ctx.text,
        span=source.locator.whole(),
        name=ctx.relation(view),
        query=query,
        or_replace=bool(node.replace),
        columns=tuple(columns),
    )


def merge(node: Any, ctx: Context) -> Statement:
    source = ctx.source
    end = len(ctx.text)
    using_at = source.top_keyword(0, end, ("USING",))
    found: list[TableSource] = []
    after = ctx.queries.from_item(node.sourceRelation, max(using_at, 0), end, found)
    on_at = source.keyword_after(after, ("ON",))
    on, _, on_end = ctx.exprs.extent(node.joinCondition, source.token_end(max(on_at, 0)))
    source_start = source.token_end(max(using_at, 0))
    source_query = Query(
        text=source.slice(source_start, max(on_at, source_start)).strip(),
        sources=tuple(found),
        span=source.span(source_start, max(on_at, source_start)),
    )
    conditions = []
    position = on_end
    for clause in node.mergeWhenClauses or ():
        when_at = source.top_keyword(position, end, ("WHEN",))
        position = source.token_end(max(when_at, position))
        if clause.condition is not None:
            and_at = source.top_keyword(position, end, ("AND",))
            condition, _, position = ctx.exprs.extent(
                clause.condition, source.token_end(max(and_at, position))
            )
            conditions.append(condition)
    from dbops.parsing.pg_other import assignments  # pg_other imports this module

    updates, inserted = merge_actions(node, ctx, assignments)
    return Merge(
        text=ctx.text,
        span=source.locator.whole(),
        target=ctx.relation(node.relation),
        source=source_query,
        on=on,
        when_conditions=tuple(conditions),
        alias=target_alias(node.relation),
        assignments=updates,
        values=inserted,
        returning=returning(node, ctx),
    )
