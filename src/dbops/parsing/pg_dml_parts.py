"""Parts of PostgreSQL data changes the statement rules read: the target's alias, RETURNING,
the VALUES rows, a MERGE's actions; and CREATE DATABASE's encoding and locale."""

from __future__ import annotations

from typing import Any

from dbops.core.statements import Assignment, CreateSchema, Expr, Statement
from dbops.parsing.pg_context import Context
from dbops.parsing.pg_queries import returning_targets


def target_alias(relation: Any) -> str:
    """`o` in `UPDATE orders o`, `DELETE FROM orders AS o`, `MERGE INTO orders t`."""
    alias = relation.alias if relation is not None else None
    return str(alias.aliasname or "") if alias is not None else ""


def returning(node: Any, ctx: Context) -> tuple[Expr, ...]:
    """The RETURNING list of INSERT/UPDATE/DELETE/MERGE."""
    targets = returning_targets(node)
    if not targets:
        return ()
    at = ctx.source.top_keyword(0, len(ctx.text), ("RETURNING",))
    cursor = ctx.source.token_end(at) if at >= 0 else 0
    return tuple(_expressions((target.val for target in targets), cursor, ctx)[0])


def values_rows(select: Any, ctx: Context) -> tuple[tuple[Expr, ...], ...]:
    """The expressions of `VALUES (…), (…)`, row by row."""
    at = ctx.source.top_keyword(0, len(ctx.text), ("VALUES",))
    cursor = ctx.source.token_end(at) if at >= 0 else 0
    rows: list[tuple[Expr, ...]] = []
    for row in select.valuesLists or ():
        items = row if isinstance(row, tuple) else (row,)
        built, cursor = _expressions(items, cursor, ctx)
        rows.append(tuple(built))
    return tuple(rows)


def merge_actions(
    node: Any, ctx: Context, assignments: Any
) -> tuple[tuple[Assignment, ...], tuple[Expr, ...]]:
    """The SET of a MERGE's `WHEN … THEN UPDATE` actions and the VALUES of its `THEN INSERT`
    ones (`assignments` reads a SET list, as UPDATE's)."""
    updates: list[Assignment] = []
    inserted: list[Expr] = []
    for clause in node.mergeWhenClauses or ():
        if clause.commandType == "CMD_UPDATE":  # an INSERT's targetList is its column list
            updates.extend(assignments(clause.targetList, ctx))
        if clause.values:
            location = clause.location if clause.location is not None else 0
            inserted.extend(_expressions(clause.values, location, ctx)[0])
    return tuple(updates), tuple(inserted)


def create_database(node: Any, ctx: Context) -> Statement:
    """CREATE DATABASE d [WITH] [ENCODING e] [LC_COLLATE c | LOCALE l] …: a database is the
    schema model's database-level schema."""
    source = ctx.source
    position = source.token_end(max(source.keyword_after(0, ("DATABASE",)), 0))
    name, _ = ctx.find_name(node.dbname or "", position)
    options = {option.defname: _option_value(option.arg) for option in node.options or ()}
    return CreateSchema(
        text=ctx.text,
        span=source.locator.whole(),
        name=name,
        database=True,
        charset=options.get("encoding") or None,
        collation=options.get("lc_collate") or options.get("locale") or None,
    )


def _option_value(arg: Any) -> str:
    for field in ("sval", "ival", "fval"):
        value = getattr(arg, field, None)
        if value is not None:
            return str(value)
    return ""


def _expressions(nodes: Any, cursor: int, ctx: Context) -> tuple[list[Expr], int]:
    """The expressions of `nodes`, each looked for after the one before; and where the last
    ends."""
    built: list[Expr] = []
    for node in nodes:
        expr, _, cursor = ctx.exprs.extent(node, cursor)
        built.append(expr)
    return built, cursor
