"""CREATE TABLE, its columns and constraints, and CREATE INDEX, from pglast nodes."""

from __future__ import annotations

from typing import Any

from dbops.core.statements import (
    ColumnDef,
    Constraint,
    ConstraintKind,
    CreateIndex,
    CreateTable,
    ForeignKeyTarget,
    Generated,
    IndexElement,
    Name,
    Span,
    Statement,
)
from dbops.parsing.pg_context import Context
from dbops.parsing.pg_nodes import constant
from dbops.parsing.pg_queries import strings
from dbops.parsing.pg_types import type_name

_KINDS = {
    "CONSTR_PRIMARY": ConstraintKind.PRIMARY_KEY,
    "CONSTR_UNIQUE": ConstraintKind.UNIQUE,
    "CONSTR_FOREIGN": ConstraintKind.FOREIGN_KEY,
    "CONSTR_CHECK": ConstraintKind.CHECK,
    "CONSTR_EXCLUSION": ConstraintKind.EXCLUDE,
}
_FK_ACTIONS = {"a": "", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}
_STRATEGIES = {
    "PARTITION_STRATEGY_RANGE": "RANGE",
    "PARTITION_STRATEGY_LIST": "LIST",
    "PARTITION_STRATEGY_HASH": "HASH",
}


def create_table(node: Any, ctx: Context) -> Statement:
    source = ctx.source
    relation = node.relation
    columns: list[ColumnDef] = []
    constraints: list[Constraint] = []
    like = None
    like_including: tuple[str, ...] = ()
    for element in node.tableElts or ():
        kind = type(element).__name__
        if kind == "ColumnDef":
            columns.append(column_def(element, ctx))
        elif kind == "Constraint":
            constraints.append(constraint(element, ctx, None))
        elif kind == "TableLikeClause":
            like = ctx.relation(element.relation)
            like_including = _like_options(element.options or 0)
    inherits = tuple(ctx.relation(parent) for parent in node.inhRelations or ())
    partition_of = None
    partition_bound = ""
    if node.partbound is not None and inherits:
        partition_of, inherits = inherits[0], inherits[1:]
        partition_bound = _partition_bound(node.partbound, ctx)
    return CreateTable(
        text=ctx.text,
        span=source.locator.whole(),
        table=ctx.relation(relation),
        columns=tuple(columns),
        constraints=tuple(constraints),
        if_not_exists=bool(node.if_not_exists),
        temporary=relation.relpersistence == "t",
        unlogged=relation.relpersistence == "u",
        like=like,
        like_including=like_including,
        inherits=inherits,
        partition_of=partition_of,
        partition_bound=partition_bound,
        partition_by=_partition_by(node.partspec, ctx),
        options=_options(node, ctx),
    )


def _like_options(bits: int) -> tuple[str, ...]:
    """`INCLUDING DEFAULTS INCLUDING INDEXES` as ("DEFAULTS", "INDEXES"); ALL sets every bit."""
    from pglast.enums import TableLikeOption

    return tuple(
        str(option.name).removeprefix("CREATE_TABLE_LIKE_")
        for option in TableLikeOption
        if option.name != "CREATE_TABLE_LIKE_ALL" and bits & option.value
    )


def _partition_bound(bound: Any, ctx: Context) -> str:
    """`FOR VALUES …` or `DEFAULT` as written, up to the end of its parentheses."""
    source = ctx.source
    start = bound.location if bound.location is not None else 0
    if bound.is_default:
        return source.slice(start, source.token_end(start))
    tokens = source.tokens
    index = source.index_at(start)
    if index >= 2 and (tokens[index - 2].upper, tokens[index - 1].upper) == ("FOR", "VALUES"):
        start = tokens[index - 2].start  # the location is after FOR VALUES
    end = start
    while index < len(tokens) and tokens[index].upper in (
        "FOR",
        "VALUES",
        "FROM",
        "TO",
        "IN",
        "WITH",
    ):
        while index < len(tokens) and tokens[index].text != "(":
            index += 1
        if index >= len(tokens):
            break
        close = source.group_end(index)
        end = tokens[close].end
        index = close + 1
    return source.slice(start, end)


def _partition_by(spec: Any, ctx: Context) -> str:
    if spec is None:
        return ""
    source = ctx.source
    tokens = source.tokens
    for index in range(len(tokens) - 2):
        if tokens[index].upper == "PARTITION" and tokens[index + 1].upper == "BY":
            start = tokens[index + 2].start
            group = source.keyword_after(start, ("(",))
            if group >= 0:
                close = source.group_end(source.index_at(group))
                return source.slice(start, tokens[close].end)
    return _STRATEGIES.get(str(spec.strategy), "")


def _options(node: Any, ctx: Context) -> tuple[tuple[str, str], ...]:
    options: list[tuple[str, str]] = []
    for option in node.options or ():
        value = constant(option.arg) if option.arg is not None else None
        written = "" if value is None else str(value[1])
        options.append((option.defname.upper(), written))
    if node.tablespacename:
        options.append(("TABLESPACE", node.tablespacename))
    if node.accessMethod:
        options.append(("USING", node.accessMethod))
    return tuple(options)


def column_def(node: Any, ctx: Context) -> ColumnDef:
    """A column definition (CREATE TABLE, ADD COLUMN)."""
    source = ctx.source
    location = node.location
    start = location if location is not None else 0
    end = source.element_end(start)
    name = ctx.name_at(location, node.colname)
    column_type, serial = type_name(node.typeName, source) if node.typeName else (None, False)
    not_null = bool(node.is_not_null)
    null_written = False
    default = None
    generated = None
    generated_expr = None
    constraints: list[Constraint] = []
    cursor = start
    for item in node.constraints or ():
        contype = item.contype
        item_start = item.location if item.location is not None else cursor
        if contype == "CONSTR_NOTNULL":
            not_null = True
        elif contype == "CONSTR_NULL":
            null_written = True
        elif contype == "CONSTR_DEFAULT":
            at = source.keyword_after(item_start, ("DEFAULT",), end)
            default = ctx.expr(item.raw_expr, source.token_end(at) if at >= 0 else item_start)
        elif contype == "CONSTR_IDENTITY":
            always = item.generated_when == "a"
            generated = Generated.IDENTITY_ALWAYS if always else Generated.IDENTITY_BY_DEFAULT
        elif contype == "CONSTR_GENERATED":
            generated = Generated.VIRTUAL if item.generated_kind == "v" else Generated.STORED
            at = source.keyword_after(item_start, ("AS",), end)
            generated_expr = ctx.expr(item.raw_expr, source.token_end(at) if at >= 0 else start)
        elif contype in _KINDS:
            constraints.append(constraint(item, ctx, name))
        elif contype in ("CONSTR_ATTR_DEFERRABLE",) and constraints:
            last = constraints[-1]
            constraints[-1] = _with_deferrable(last)
    collation = ".".join(strings(node.collClause.collname)) if node.collClause else None
    return ColumnDef(
        name=name,
        type=column_type,
        not_null=not_null,
        null_written=null_written,
        default=default,
        generated=generated,
        generated_expr=generated_expr,
        serial=serial,
        collation=collation,
        constraints=tuple(constraints),
        span=source.span(start, end) if location is not None else Span(0, 0, 0, 0),
    )


def _with_deferrable(item: Constraint) -> Constraint:
    return Constraint(
        kind=item.kind,
        name=item.name,
        columns=item.columns,
        references=item.references,
        check=item.check,
        not_valid=item.not_valid,
        using_index=item.using_index,
        deferrable=True,
        index_method=item.index_method,
        span=item.span,
    )


def constraint(
    node: Any, ctx: Context, column: Name | None, limit: int | None = None
) -> Constraint:
    """A constraint, at table level (`column` None) or inline on `column`."""
    source = ctx.source
    start = node.location if node.location is not None else 0
    end = source.element_end(start, limit)
    kind = _KINDS[node.contype]
    name = None
    position = start
    if node.conname:
        name, position = ctx.find_name(node.conname, start, end)
    columns: tuple[Name, ...] = (column,) if column is not None else ()
    keys = node.fk_attrs if kind is ConstraintKind.FOREIGN_KEY else node.keys
    if column is None and keys:
        columns, position = _names(ctx, strings(keys), position, end)
    if kind is ConstraintKind.EXCLUDE and column is None:
        element_names = [pair[0].name for pair in node.exclusions or () if pair[0].name]
        columns, position = _names(ctx, element_names, position, end)
    references = None
    if kind is ConstraintKind.FOREIGN_KEY:
        table = ctx.relation(node.pktable)
        after_table = source.qualified_end(node.pktable.location or position)
        referenced, _ = _names(ctx, strings(node.pk_attrs), after_table, end)
        references = ForeignKeyTarget(
            table=table,
            columns=referenced,
            on_delete=_FK_ACTIONS.get(node.fk_del_action, ""),
            on_update=_FK_ACTIONS.get(node.fk_upd_action, ""),
        )
    check = None
    if kind is ConstraintKind.CHECK and node.raw_expr is not None:
        at = source.keyword_after(position, ("CHECK",), end)
        check = ctx.expr(node.raw_expr, source.token_end(at) if at >= 0 else position)
    using_index = None
    if node.indexname:
        using_index, _ = ctx.find_name(node.indexname, position, end)
    return Constraint(
        kind=kind,
        name=name,
        columns=columns,
        references=references,
        check=check,
        not_valid=bool(node.skip_validation),
        using_index=using_index,
        deferrable=bool(node.deferrable),
        index_method=node.access_method or "",
        span=source.span(start, end),
    )


def _names(
    ctx: Context, values: list[str], start: int, end: int | None
) -> tuple[tuple[Name, ...], int]:
    """Names listed in the first parenthesis from `start` (`PRIMARY KEY (key)`: the column,
    not the keyword); the offset after the parenthesis."""
    source = ctx.source
    tokens = source.tokens
    index = source.index_at(start)
    while index < len(tokens) and tokens[index].text != "(":
        if end is not None and tokens[index].start >= end:
            break
        index += 1
    position, limit, after = start, end, start
    if index < len(tokens) and tokens[index].text == "(":
        close = source.group_end(index)
        position, limit, after = tokens[index].end, tokens[close].start, tokens[close].end
    names: list[Name] = []
    for value in values:
        name, position = ctx.find_name(value, position, limit)
        names.append(name)
    return tuple(names), max(position, after)


def create_index(node: Any, ctx: Context) -> Statement:
    source = ctx.source
    relation = node.relation
    name = None
    if node.idxname:
        after_index = source.keyword_after(0, ("INDEX",))
        name, _ = ctx.find_name(node.idxname, max(after_index, 0), relation.location)
    table = ctx.relation(relation)
    tokens = source.tokens
    index = source.index_at(relation.location or 0)
    while index < len(tokens) and tokens[index].text != "(":
        index += 1
    elements: tuple[IndexElement, ...] = ()
    after_elements = relation.location or 0
    if index < len(tokens):
        close = source.group_end(index)
        elements = index_elements(node.indexParams, ctx, tokens[index].end, tokens[close].start)
        after_elements = tokens[close].end
    include: tuple[Name, ...] = ()
    if node.indexIncludingParams:
        at = source.keyword_after(after_elements, ("INCLUDE",))
        include, _ = _names(
            ctx, [p.name for p in node.indexIncludingParams if p.name], max(at, 0), None
        )
    where = None
    if node.whereClause is not None:
        at = source.top_keyword(after_elements, len(source.text), ("WHERE",))
        where = ctx.expr(node.whereClause, source.token_end(at) if at >= 0 else after_elements)
    return CreateIndex(
        text=ctx.text,
        span=source.locator.whole(),
        name=name,
        table=table,
        elements=elements,
        unique=bool(node.unique),
        concurrently=bool(node.concurrent),
        if_not_exists=bool(node.if_not_exists),
        method=node.accessMethod or "btree",
        where=where,
        include=include,
        only=not relation.inh,
    )


def index_elements(params: Any, ctx: Context, start: int, end: int) -> tuple[IndexElement, ...]:
    """Index key parts written between `start` and `end` (inside the parentheses)."""
    source = ctx.source
    starts = source.list_starts(start, end)
    result: list[IndexElement] = []
    for position, param in zip(starts, params or (), strict=False):
        element_end = source.element_end(position, end)
        column = None
        expression = None
        if param.name:
            column, _ = ctx.find_name(param.name, position, element_end)
        elif param.expr is not None:
            expression = ctx.expr(param.expr, position)
        result.append(
            IndexElement(
                column=column,
                expression=expression,
                descending=param.ordering is not None and param.ordering == "SORTBY_DESC",
                opclass=".".join(strings(param.opclass)),
                span=source.span(position, element_end),
            )
        )
    return tuple(result)
