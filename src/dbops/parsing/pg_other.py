"""DROP, TRUNCATE, SET/RESET, transaction control and the data statements (INSERT, UPDATE,
DELETE, SELECT) from pglast nodes."""

from __future__ import annotations

from typing import Any

from dbops.core.statements import (
    Assignment,
    Delete,
    Drop,
    DropIndex,
    Expr,
    Insert,
    ObjectName,
    Query,
    Select,
    SetSetting,
    Statement,
    TableSource,
    TransactionControl,
    Truncate,
    Update,
)
from dbops.parsing.pg_context import Context
from dbops.parsing.pg_ctas import select_into
from dbops.parsing.pg_dml_parts import returning, target_alias, values_rows
from dbops.parsing.pg_nodes import constant
from dbops.parsing.pg_queries import strings

_TRANSACTIONS = {
    "TRANS_STMT_BEGIN": "BEGIN",
    "TRANS_STMT_START": "BEGIN",
    "TRANS_STMT_COMMIT": "COMMIT",
    "TRANS_STMT_ROLLBACK": "ROLLBACK",
    "TRANS_STMT_SAVEPOINT": "SAVEPOINT",
    "TRANS_STMT_RELEASE": "RELEASE",
    "TRANS_STMT_ROLLBACK_TO": "ROLLBACK TO",
    "TRANS_STMT_PREPARE": "PREPARE",
    "TRANS_STMT_COMMIT_PREPARED": "COMMIT PREPARED",
    "TRANS_STMT_ROLLBACK_PREPARED": "ROLLBACK PREPARED",
}
# DROP object kinds whose pglast names differ from the SQL words.
_KIND_WORDS = {
    "OBJECT_MATVIEW": "MATERIALIZED VIEW",
    "OBJECT_FOREIGN_TABLE": "FOREIGN TABLE",
    "OBJECT_EVENT_TRIGGER": "EVENT TRIGGER",
    "OBJECT_FDW": "FOREIGN DATA WRAPPER",
    "OBJECT_FOREIGN_SERVER": "SERVER",
    "OBJECT_TSCONFIGURATION": "TEXT SEARCH CONFIGURATION",
    "OBJECT_TSDICTIONARY": "TEXT SEARCH DICTIONARY",
    "OBJECT_TSPARSER": "TEXT SEARCH PARSER",
    "OBJECT_TSTEMPLATE": "TEXT SEARCH TEMPLATE",
    "OBJECT_STATISTIC_EXT": "STATISTICS",
    "OBJECT_ACCESS_METHOD": "ACCESS METHOD",
    "OBJECT_OPCLASS": "OPERATOR CLASS",
    "OBJECT_OPFAMILY": "OPERATOR FAMILY",
    "OBJECT_TABCONSTRAINT": "CONSTRAINT",
    "OBJECT_DOMCONSTRAINT": "CONSTRAINT",
}
# Objects of these kinds are named `table.object` in pglast's list: `DROP TRIGGER t ON tbl`.
_ON_TABLE = frozenset(["OBJECT_TRIGGER", "OBJECT_POLICY", "OBJECT_RULE"])


def object_words(kind: str) -> str:
    """The SQL words for a pglast ObjectType name: OBJECT_MATVIEW -> MATERIALIZED VIEW."""
    return _KIND_WORDS.get(kind, kind.removeprefix("OBJECT_").replace("_", " "))


def drop(node: Any, ctx: Context) -> Statement:
    source = ctx.source
    kind = node.removeType
    words = object_words(kind)
    skip = 1 + len(words.split()) + (2 if node.missing_ok else 0) + (1 if node.concurrent else 0)
    tokens = source.tokens
    position = tokens[skip].start if skip < len(tokens) else len(source.text)
    cascade = node.behavior is not None and node.behavior == "DROP_CASCADE"
    names: list[ObjectName] = []
    on_table = None
    for item in node.objects or ():
        parts = _object_parts(item)
        if kind in _ON_TABLE and len(parts) > 1:
            name, position = ctx.find_object(parts[-1:], position)
            on_table, position = ctx.find_object(parts[:-1], position)
        else:
            name, position = ctx.find_object(parts, position)
        names.append(name)
    whole = source.locator.whole()
    if kind == "OBJECT_INDEX":
        return DropIndex(
            text=ctx.text,
            span=whole,
            names=tuple(names),
            concurrently=bool(node.concurrent),
            if_exists=bool(node.missing_ok),
            cascade=cascade,
        )
    return Drop(
        text=ctx.text,
        span=whole,
        object_kind=words,
        names=tuple(names),
        if_exists=bool(node.missing_ok),
        cascade=cascade,
        on_table=on_table,
    )


def _object_parts(item: Any) -> list[str]:
    kind = type(item).__name__
    if kind == "String":
        return [item.sval]
    if kind == "ObjectWithArgs":
        return strings(item.objname)
    if kind == "TypeName":
        return strings(item.names)
    if isinstance(item, tuple):
        return [part.sval or "" for part in item]
    return [str(item.sval or "")]


def truncate(node: Any, ctx: Context) -> Statement:
    return Truncate(
        text=ctx.text,
        span=ctx.source.locator.whole(),
        tables=tuple(ctx.relation(relation) for relation in node.relations or ()),
        cascade=node.behavior is not None and node.behavior == "DROP_CASCADE",
        restart_identity=bool(node.restart_seqs),
    )


def set_setting(node: Any, ctx: Context) -> Statement:
    kind = node.kind
    whole = ctx.source.locator.whole()
    scope = "local" if node.is_local else "session"
    if kind in ("VAR_RESET", "VAR_RESET_ALL"):
        name = (node.name or "all").lower()
        return SetSetting(text=ctx.text, span=whole, name=name, scope=scope, reset=True)
    if kind == "VAR_SET_MULTI":
        name = (node.name or "").lower()
        values = tuple(f"{arg.defname} {_constant(arg.arg)}".strip() for arg in node.args or ())
        scope = "transaction" if name == "transaction" else scope
        return SetSetting(
            text=ctx.text,
            span=whole,
            name=name,
            value=", ".join(values),
            scope=scope,
            values=values,
        )
    if kind == "VAR_SET_DEFAULT":
        return SetSetting(
            text=ctx.text, span=whole, name=node.name.lower(), value="DEFAULT", scope=scope
        )
    if kind == "VAR_SET_CURRENT":
        return SetSetting(
            text=ctx.text, span=whole, name=node.name.lower(), value="FROM CURRENT", scope=scope
        )
    values = tuple(_constant(arg) for arg in node.args or ())
    return SetSetting(
        text=ctx.text,
        span=whole,
        name=(node.name or "").lower(),
        value=", ".join(values),
        scope=scope,
        values=values,
    )


def _constant(node: Any) -> str:
    """A SET argument's value as written, without quotes."""
    if type(node).__name__ == "TypeCast":  # SET TIME ZONE INTERVAL '…'
        return _constant(node.arg)
    value = constant(node)
    if value is None:
        return ""
    attribute, found = value
    return str(found).lower() if attribute == "boolval" else str(found)


def transaction(node: Any, ctx: Context) -> Statement:
    return TransactionControl(
        text=ctx.text,
        span=ctx.source.locator.whole(),
        action=_TRANSACTIONS.get(node.kind, node.kind),
    )


def insert(node: Any, ctx: Context) -> Statement:
    source = ctx.source
    relation = node.relation
    table = ctx.relation(relation)
    columns = tuple(ctx.name_at(target.location, target.name) for target in node.cols or ())
    rows = 0
    query = None
    select = node.selectStmt
    values: tuple[tuple[Expr, ...], ...] = ()
    if select is not None:
        if select.valuesLists and not select.targetList:
            rows = len(select.valuesLists)
            values = values_rows(select, ctx)
        else:
            start = source.qualified_end(relation.location or 0)
            query = ctx.queries.statement_query(select, start, _query_end(ctx, node))
    on_conflict = ""
    on_conflict_where = None
    on_conflict_target_where = None
    updates: tuple[Assignment, ...] = ()
    clause = node.onConflictClause
    if clause is not None:
        on_conflict = "NOTHING" if clause.action == "ONCONFLICT_NOTHING" else "UPDATE"
        updates = assignments(clause.targetList, ctx)
        infer = clause.infer
        if infer is not None and infer.whereClause is not None:
            target_at = source.keyword_after(infer.location or 0, ("WHERE",))
            on_conflict_target_where = ctx.expr(
                infer.whereClause, source.token_end(max(target_at, 0))
            )
        if clause.whereClause is not None:
            location = clause.location or 0
            at = source.keyword_after(source.keyword_after(location, ("SET",)), ("WHERE",))
            on_conflict_where = ctx.expr(clause.whereClause, source.token_end(max(at, 0)))
    return Insert(
        text=ctx.text,
        span=source.locator.whole(),
        table=table,
        columns=columns,
        rows=rows,
        query=query,
        on_conflict=on_conflict,
        on_conflict_where=on_conflict_where,
        on_conflict_target_where=on_conflict_target_where,
        updates=updates,
        values=values,
        returning=returning(node, ctx),
        alias=target_alias(relation),
    )


def _query_end(ctx: Context, node: Any) -> int:
    source = ctx.source
    end = len(source.text)
    for words in (("ON",), ("RETURNING",)):
        at = source.top_keyword(0, end, words)
        if at >= 0 and (words != ("ON",) or _followed_by(ctx, at, "CONFLICT")):
            return at
    return end


def _followed_by(ctx: Context, offset: int, word: str) -> bool:
    tokens = ctx.source.tokens
    index = ctx.source.index_at(offset) + 1
    return index < len(tokens) and tokens[index].upper == word


def assignments(targets: Any, ctx: Context) -> tuple[Assignment, ...]:
    """`SET a = 1, b = …` of UPDATE and ON CONFLICT DO UPDATE."""
    source = ctx.source
    result: list[Assignment] = []
    for target in targets or ():
        location = target.location if target.location is not None else 0
        column = ctx.name_at(location, target.name)
        at = source.keyword_after(location, ("=",))
        value, _, end = ctx.exprs.extent(target.val, source.token_end(at) if at >= 0 else location)
        result.append(Assignment(column=column, value=value, span=source.span(location, end)))
    return tuple(result)


def update(node: Any, ctx: Context) -> Statement:
    source = ctx.source
    end = len(source.text)
    sources: tuple[Query, ...] = ()
    if node.fromClause:
        from_at = source.top_keyword(0, end, ("FROM",))
        found: list[TableSource] = []
        cursor = from_at if from_at >= 0 else 0
        for item in node.fromClause:
            cursor = ctx.queries.from_item(item, cursor, end, found)
        sources = (_clause_query(ctx, max(from_at, 0), found),)
    return Update(
        text=ctx.text,
        span=source.locator.whole(),
        table=ctx.relation(node.relation),
        assignments=assignments(node.targetList, ctx),
        sources=sources,
        where=_where(node.whereClause, ctx),
        ctes=ctx.queries.with_queries(node.withClause),
        alias=target_alias(node.relation),
        returning=returning(node, ctx),
    )


def _clause_query(ctx: Context, start: int, found: list[TableSource]) -> Query:
    """A FROM / USING list as a query of its sources, its text from the keyword on."""
    source = ctx.source
    at = source.top_keyword(start, len(source.text), ("WHERE", "RETURNING"))
    end = start + len(source.slice(start, at if at >= 0 else len(source.text)).rstrip())
    return Query(text=source.slice(start, end), sources=tuple(found), span=source.span(start, end))


def _where(node: Any, ctx: Context) -> Any:
    if node is None:
        return None
    source = ctx.source
    at = source.top_keyword(0, len(source.text), ("WHERE",))
    return ctx.expr(node, source.token_end(at) if at >= 0 else 0)


def delete(node: Any, ctx: Context) -> Statement:
    source = ctx.source
    end = len(source.text)
    using: tuple[Query, ...] = ()
    if node.usingClause:
        using_at = source.top_keyword(0, end, ("USING",))
        found: list[TableSource] = []
        cursor = using_at if using_at >= 0 else 0
        for item in node.usingClause:
            cursor = ctx.queries.from_item(item, cursor, end, found)
        using = (_clause_query(ctx, max(using_at, 0), found),)
    return Delete(
        text=ctx.text,
        span=source.locator.whole(),
        table=ctx.relation(node.relation),
        where=_where(node.whereClause, ctx),
        using=using,
        ctes=ctx.queries.with_queries(node.withClause),
        alias=target_alias(node.relation),
        returning=returning(node, ctx),
    )


def select(node: Any, ctx: Context) -> Statement:
    if node.intoClause is not None:
        return select_into(node, ctx)
    query = ctx.queries.query(node, 0, len(ctx.text))
    return Select(text=ctx.text, span=ctx.source.locator.whole(), query=query)
