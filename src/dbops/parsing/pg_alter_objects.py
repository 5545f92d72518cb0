"""ALTER forms of objects without a dedicated node (views, routines, policies, roles, databases,
the system, extensions) as `AlterObject`: what is altered, and how."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dbops.core.statements import AlterObject, Name, ObjectName, Statement
from dbops.parsing.pg_context import Context
from dbops.parsing.pg_other import object_words
from dbops.parsing.pg_queries import strings

# The object kinds an AlterObject stands for (pglast ObjectType names).
KINDS = frozenset(
    {
        "OBJECT_VIEW",
        "OBJECT_MATVIEW",
        "OBJECT_FUNCTION",
        "OBJECT_PROCEDURE",
        "OBJECT_ROUTINE",
        "OBJECT_AGGREGATE",
        "OBJECT_POLICY",
        "OBJECT_TRIGGER",
        "OBJECT_RULE",
        "OBJECT_ROLE",
        "OBJECT_DATABASE",
        "OBJECT_EXTENSION",
    }
)
_RELATIONS = frozenset({"OBJECT_VIEW", "OBJECT_MATVIEW"})
_ON_TABLE = frozenset({"OBJECT_POLICY", "OBJECT_TRIGGER", "OBJECT_RULE"})
_VIEW_COMMANDS = {
    "AT_SetRelOptions": "SET OPTIONS",
    "AT_ResetRelOptions": "RESET OPTIONS",
    "AT_ChangeOwner": "OWNER TO",
}


def _after_words(ctx: Context, count: int) -> int:
    tokens = ctx.source.tokens
    return tokens[count].start if count < len(tokens) else 0


def _words(kind: str) -> str:
    return object_words(kind)


def _object(node: Any, ctx: Context, kind: str) -> tuple[ObjectName | None, ObjectName | None]:
    """The object altered and, for a policy, trigger or rule, its table."""
    start = _after_words(ctx, 1 + len(_words(kind).split()))
    relation = getattr(node, "relation", None)
    if kind in _RELATIONS and relation is not None:
        return ctx.relation(relation), None
    if kind in _ON_TABLE:
        table = ctx.relation(relation) if relation is not None else None
        name, _ = ctx.find_name(node.subname or "", start)
        return ObjectName(name, span=name.span), table
    target = getattr(node, "object", None)
    if target is not None and type(target).__name__ == "ObjectWithArgs":
        return ctx.find_object(strings(target.objname), start)[0], None
    if target is not None and hasattr(target, "sval"):
        return ctx.find_object([target.sval], start)[0], None
    subname = getattr(node, "subname", None)
    if subname:
        name, _ = ctx.find_name(subname, start)
        return ObjectName(name, span=name.span), None
    return None, None


def _named(ctx: Context, value: str, words: int) -> ObjectName:
    name, _ = ctx.find_name(value, _after_words(ctx, words))
    return ObjectName(name, span=name.span)


def _altered(ctx: Context, **fields: Any) -> AlterObject:
    return AlterObject(text=ctx.text, span=ctx.source.locator.whole(), **fields)


def renamed_object(node: Any, ctx: Context, new_name: Name) -> Statement | None:
    """RENAME of a view, routine, policy, trigger, rule, role or database; None otherwise."""
    kind = node.renameType
    if kind not in KINDS:
        return None
    name, table = _object(node, ctx, kind)
    return _altered(
        ctx,
        object_kind=_words(kind),
        name=name,
        action="RENAME TO",
        on_table=table,
        rename_to=new_name,
    )


def owner_or_schema(node: Any, ctx: Context, action: str) -> Statement | None:
    """OWNER TO / SET SCHEMA of one of KINDS; None otherwise."""
    kind = node.objectType
    if kind not in KINDS:
        return None
    name, table = _object(node, ctx, kind)
    return _altered(ctx, object_kind=_words(kind), name=name, action=action, on_table=table)


def alter_view(node: Any, ctx: Context) -> Statement:
    """ALTER VIEW / MATERIALIZED VIEW … SET (…) / RESET (…) / OWNER TO / ALTER COLUMN DEFAULT."""
    actions = []
    for item in node.cmds:
        cmd = item
        if cmd.subtype == "AT_ColumnDefault":
            actions.append(
                "ALTER COLUMN SET DEFAULT" if cmd.def_ is not None else "ALTER COLUMN DROP DEFAULT"
            )
        else:
            actions.append(_VIEW_COMMANDS.get(cmd.subtype, cmd.subtype.removeprefix("AT_")))
    changes = tuple(
        option.defname
        for cmd in node.cmds
        if cmd.subtype in ("AT_SetRelOptions", "AT_ResetRelOptions")
        for option in cmd.def_ or ()
    )
    return _altered(
        ctx,
        object_kind=_words(node.objtype),
        name=ctx.relation(node.relation),
        action=", ".join(actions),
        changes=changes,
    )


def alter_function(node: Any, ctx: Context) -> Statement:
    kind = node.objtype
    start = _after_words(ctx, 1 + len(_words(kind).split()))
    name, _ = ctx.find_object(strings(node.func.objname), start)
    return _altered(
        ctx,
        object_kind=_words(kind),
        name=name,
        action="OPTIONS",
        changes=tuple(action.defname for action in node.actions or ()),
    )


def alter_policy(node: Any, ctx: Context) -> Statement:
    changes = tuple(
        change
        for change, present in (
            ("to", node.roles),
            ("using", node.qual),
            ("with check", node.with_check),
        )
        if present
    )
    name = _named(ctx, node.policy_name, 2)
    return _altered(
        ctx,
        object_kind="POLICY",
        name=name,
        action="POLICY",
        on_table=ctx.relation(node.table),
        changes=changes,
    )


def _role_name(node: Any) -> str:
    role = node.role
    return str(getattr(role, "rolename", None) or "")


def alter_role(node: Any, ctx: Context) -> Statement:
    return _altered(
        ctx,
        object_kind="ROLE",
        name=_named(ctx, _role_name(node), 2),
        action="OPTIONS",
        changes=tuple(option.defname for option in node.options or ()),
    )


def _config(setstmt: Any) -> tuple[str, str]:
    kind = str(setstmt.kind)
    action = "RESET CONFIG" if "RESET" in kind else "SET CONFIG"
    return action, str(setstmt.name or "all")


def alter_role_set(node: Any, ctx: Context) -> Statement:
    action, setting = _config(node.setstmt)
    name = _named(ctx, _role_name(node), 2) if node.role is not None else None
    return _altered(ctx, object_kind="ROLE", name=name, action=action, setting=setting)


def alter_database(node: Any, ctx: Context) -> Statement:
    return _altered(
        ctx,
        object_kind="DATABASE",
        name=_named(ctx, node.dbname, 2),
        action="OPTIONS",
        changes=tuple(option.defname for option in node.options or ()),
    )


def alter_database_set(node: Any, ctx: Context) -> Statement:
    action, setting = _config(node.setstmt)
    name = _named(ctx, node.dbname, 2)
    return _altered(ctx, object_kind="DATABASE", name=name, action=action, setting=setting)


def refresh_collation(node: Any, ctx: Context) -> Statement:
    name = _named(ctx, node.dbname, 2)
    return _altered(ctx, object_kind="DATABASE", name=name, action="REFRESH COLLATION")


def alter_system(node: Any, ctx: Context) -> Statement:
    action, setting = _config(node.setstmt)
    return _altered(ctx, object_kind="SYSTEM", name=None, action=action, setting=setting)


def alter_extension(node: Any, ctx: Context) -> Statement:
    name = _named(ctx, node.extname, 2)
    return _altered(ctx, object_kind="EXTENSION", name=name, action="UPDATE")


def alter_extension_contents(node: Any, ctx: Context) -> Statement:
    name = _named(ctx, node.extname, 2)
    action = "ADD MEMBER" if node.action == 1 else "DROP MEMBER"
    return _altered(ctx, object_kind="EXTENSION", name=name, action=action)


BUILDERS: dict[str, Callable[[Any, Context], Statement]] = {
    "AlterFunctionStmt": alter_function,
    "AlterPolicyStmt": alter_policy,
    "AlterRoleStmt": alter_role,
    "AlterRoleSetStmt": alter_role_set,
    "AlterDatabaseStmt": alter_database,
    "AlterDatabaseSetStmt": alter_database_set,
    "AlterDatabaseRefreshCollStmt": refresh_collation,
    "AlterSystemStmt": alter_system,
    "AlterExtensionStmt": alter_extension,
    "AlterExtensionContentsStmt": alter_extension_contents,
}
