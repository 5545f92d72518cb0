"""Routines (functions, procedures, triggers, rules, policies), DO/CALL, LOCK, maintenance
(VACUUM, ANALYZE, CLUSTER, REFRESH MATERIALIZED VIEW, REINDEX) and GRANT/REVOKE, from pglast."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dbops.core.statements import (
    CreateRoutine,
    Grant,
    LockTable,
    Maintenance,
    ObjectName,
    Procedural,
    Reindex,
    Statement,
)
from dbops.parsing.pg_context import Context
from dbops.parsing.pg_nodes import constant
from dbops.parsing.pg_other import object_words
from dbops.parsing.pg_queries import strings

_LOCK_MODES = {
    1: "ACCESS SHARE",
    2: "ROW SHARE",
    3: "ROW EXCLUSIVE",
    4: "SHARE UPDATE EXCLUSIVE",
    5: "SHARE",
    6: "SHARE ROW EXCLUSIVE",
    7: "EXCLUSIVE",
    8: "ACCESS EXCLUSIVE",
}


def _option(options: Any, name: str) -> Any:
    for option in options or ():
        if option.defname == name:
            return option.arg
    return None


def _true(options: Any, name: str) -> bool:
    """Whether a boolean option (`CONCURRENTLY`, `FULL`) is on: written bare, or true."""
    for option in options or ():
        if option.defname == name:
            if option.arg is None:
                return True
            value = constant(option.arg)
            if value is None:
                return True
            return str(value[1]).lower() not in ("0", "false", "off", "no")
    return False


def create_function(node: Any, ctx: Context) -> Statement:
    name, _ = ctx.find_object(strings(node.funcname), 0)
    language = _option(node.options, "language")
    body = _option(node.options, "as")
    body_text = ""
    if isinstance(body, tuple) and body:
        body_text = str(body[0].sval or "")
    elif body is not None:
        body_text = str(body.sval or "")
    return CreateRoutine(
        text=ctx.text,
        span=ctx.source.locator.whole(),
        routine_kind="PROCEDURE" if node.is_procedure else "FUNCTION",
        name=name,
        or_replace=bool(node.replace),
        language=str(language.sval or "") if language is not None else "",
        body=body_text,
    )


def _routine_on_table(
    ctx: Context, kind: str, name: str, relation: Any, replace: bool
) -> Statement:
    found, _ = ctx.find_object([name], 0, relation.location if relation is not None else None)
    return CreateRoutine(
        text=ctx.text,
        span=ctx.source.locator.whole(),
        routine_kind=kind,
        name=found,
        or_replace=replace,
        on_table=ctx.relation(relation) if relation is not None else None,
    )


def create_trigger(node: Any, ctx: Context) -> Statement:
    kind = "CONSTRAINT TRIGGER" if node.isconstraint else "TRIGGER"
    return _routine_on_table(ctx, kind, node.trigname, node.relation, bool(node.replace))


def create_rule(node: Any, ctx: Context) -> Statement:
    return _routine_on_table(ctx, "RULE", node.rulename, node.relation, bool(node.replace))


def create_policy(node: Any, ctx: Context) -> Statement:
    return _routine_on_table(ctx, "POLICY", node.policy_name, node.table, False)


def create_event_trigger(node: Any, ctx: Context) -> Statement:
    name, _ = ctx.find_object([node.trigname], 0)
    return CreateRoutine(
        text=ctx.text, span=ctx.source.locator.whole(), routine_kind="EVENT TRIGGER", name=name
    )


def do(node: Any, ctx: Context) -> Statement:
    body = _option(node.args, "as")
    language = _option(node.args, "language")
    return Procedural(
        text=ctx.text,
        span=ctx.source.locator.whole(),
        command="DO",
        language=str(language.sval or "plpgsql") if language is not None else "plpgsql",
        body=str(body.sval or "") if body is not None else "",
    )


def call(node: Any, ctx: Context) -> Statement:
    source = ctx.source
    call_node = node.funccall
    start = call_node.location if call_node.location is not None else 0
    paren = source.keyword_after(start, ("(",))
    target = source.slice(start, paren).strip() if paren > start else ""
    return Procedural(text=ctx.text, span=source.locator.whole(), command="CALL", target=target)


def lock(node: Any, ctx: Context) -> Statement:
    return LockTable(
        text=ctx.text,
        span=ctx.source.locator.whole(),
        tables=tuple(ctx.relation(relation) for relation in node.relations or ()),
        mode=_LOCK_MODES.get(int(node.mode), "ACCESS EXCLUSIVE"),
        nowait=bool(node.nowait),
    )


def vacuum(node: Any, ctx: Context) -> Statement:
    if node.is_vacuumcmd:
        operation = "VACUUM FULL" if _true(node.options, "full") else "VACUUM"
    else:
        operation = "ANALYZE"
    tables = tuple(
        ctx.relation(relation.relation)
        for relation in node.rels or ()
        if relation.relation is not None
    )
    return Maintenance(
        text=ctx.text, span=ctx.source.locator.whole(), operation=operation, tables=tables
    )


def cluster(node: Any, ctx: Context) -> Statement:
    tables = (ctx.relation(node.relation),) if node.relation is not None else ()
    return Maintenance(
        text=ctx.text, span=ctx.source.locator.whole(), operation="CLUSTER", tables=tables
    )


def refresh(node: Any, ctx: Context) -> Statement:
    return Maintenance(
        text=ctx.text,
        span=ctx.source.locator.whole(),
        operation="REFRESH MATERIALIZED VIEW",
        tables=(ctx.relation(node.relation),),
        concurrently=bool(node.concurrent),
    )


def reindex(node: Any, ctx: Context) -> Statement:
    target = node.kind.removeprefix("REINDEX_OBJECT_")
    name: ObjectName | None = None
    if node.relation is not None:
        name = ctx.relation(node.relation)
    elif node.name:
        name, _ = ctx.find_object([node.name], 0)
    return Reindex(
        text=ctx.text,
        span=ctx.source.locator.whole(),
        target=target,
        name=name,
        concurrently=_true(node.params, "concurrently"),
    )


def _grantees(roles: Any) -> tuple[str, ...]:
    names: list[str] = []
    for role in roles or ():
        if role.rolename:
            names.append(str(role.rolename))
        else:
            names.append(role.roletype.removeprefix("ROLESPEC_"))
    return tuple(names)


def grant(node: Any, ctx: Context) -> Statement:
    objects: list[ObjectName] = []
    position = 0
    all_in_schema = node.targtype == "ACL_TARGET_ALL_IN_SCHEMA"
    for item in node.objects or ():
        kind = type(item).__name__
        if kind == "RangeVar":
            objects.append(ctx.relation(item))
            continue
        if kind == "String":
            parts = [item.sval]
        elif kind == "ObjectWithArgs":
            parts = strings(item.objname)
        elif isinstance(item, tuple):
            parts = [part.sval or "" for part in item]
        else:
            parts = strings(item.names)
        found, position = ctx.find_object(parts, position)
        objects.append(found)
    privileges = tuple(str(privilege.priv_name).upper() for privilege in node.privileges or ()) or (
        "ALL",
    )
    object_kind = object_words(node.objtype)
    if all_in_schema:
        object_kind = f"ALL {object_kind}S IN SCHEMA"
    return Grant(
        text=ctx.text,
        span=ctx.source.locator.whole(),
        revoke=not node.is_grant,
        privileges=privileges,
        object_kind=object_kind,
        objects=tuple(objects),
        grantees=_grantees(node.grantees),
    )


def grant_role(node: Any, ctx: Context) -> Statement:
    return Grant(
        text=ctx.text,
        span=ctx.source.locator.whole(),
        revoke=not node.is_grant,
        privileges=tuple(str(role.priv_name) for role in node.granted_roles or ()),
        object_kind="ROLE",
        grantees=_grantees(node.grantee_roles),
    )


BUILDERS: dict[str, Callable[[Any, Context], Statement]] = {
    "CreateFunctionStmt": create_function,
    "CreateTrigStmt": create_trigger,
    "RuleStmt": create_rule,
    "CreatePolicyStmt": create_policy,
    "CreateEventTrigStmt": create_event_trigger,
    "DoStmt": do,
    "CallStmt": call,
    "LockStmt": lock,
    "VacuumStmt": vacuum,
    "ClusterStmt": cluster,
    "RefreshMatViewStmt": refresh,
    "ReindexStmt": reindex,
    "GrantStmt": grant,
    "GrantRoleStmt": grant_role,
}
