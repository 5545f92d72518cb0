"""ALTER TABLE (its actions in order) and RENAME, from pglast nodes.

pglast's ALTER TABLE commands carry no location: each action's extent is found by splitting
the statement after the table name at top-level commas, which is where PostgreSQL's grammar
separates them (`alter_table_cmds: alter_table_cmd | alter_table_cmds ',' alter_table_cmd`).
"""

from __future__ import annotations

from typing import Any

from dbops.core.statements import (
    Action,
    AddColumn,
    AddConstraint,
    AlterColumnType,
    AlterDomain,
    AlterIndex,
    AlterSchema,
    AlterSequence,
    AlterTable,
    AlterType,
    AttachPartition,
    DetachPartition,
    DropColumn,
    DropConstraint,
    DropDefault,
    DropNotNull,
    Name,
    ObjectName,
    RenameColumn,
    RenameConstraint,
    RenameTo,
    SetColumnOption,
    SetDefault,
    SetNotNull,
    SetTableOption,
    Statement,
    UnmodelledAction,
    ValidateConstraint,
)
from dbops.parsing.pg_alter_objects import alter_view, renamed_object
from dbops.parsing.pg_context import Context, unmodelled
from dbops.parsing.pg_queries import strings
from dbops.parsing.pg_tables import column_def, constraint
from dbops.parsing.pg_types import type_name

_TABLE_OPTIONS = {
    "AT_ChangeOwner": "OWNER TO",
    "AT_ClusterOn": "CLUSTER ON",
    "AT_DropCluster": "SET WITHOUT CLUSTER",
    "AT_SetLogged": "SET LOGGED",
    "AT_SetUnLogged": "SET UNLOGGED",
    "AT_DropOids": "SET WITHOUT OIDS",
    "AT_SetAccessMethod": "SET ACCESS METHOD",
    "AT_SetTableSpace": "SET TABLESPACE",
    "AT_SetRelOptions": "SET",
    "AT_ResetRelOptions": "RESET",
    "AT_ReplaceRelOptions": "SET",
    "AT_EnableTrig": "ENABLE TRIGGER",
    "AT_EnableAlwaysTrig": "ENABLE ALWAYS TRIGGER",
    "AT_EnableReplicaTrig": "ENABLE REPLICA TRIGGER",
    "AT_DisableTrig": "DISABLE TRIGGER",
    "AT_EnableTrigAll": "ENABLE TRIGGER",
    "AT_DisableTrigAll": "DISABLE TRIGGER",
    "AT_EnableTrigUser": "ENABLE TRIGGER",
    "AT_DisableTrigUser": "DISABLE TRIGGER",
    "AT_EnableRule": "ENABLE RULE",
    "AT_EnableAlwaysRule": "ENABLE ALWAYS RULE",
    "AT_EnableReplicaRule": "ENABLE REPLICA RULE",
    "AT_DisableRule": "DISABLE RULE",
    "AT_AddInherit": "INHERIT",
    "AT_DropInherit": "NO INHERIT",
    "AT_AddOf": "OF",
    "AT_DropOf": "NOT OF",
    "AT_ReplicaIdentity": "REPLICA IDENTITY",
    "AT_EnableRowSecurity": "ENABLE ROW LEVEL SECURITY",
    "AT_DisableRowSecurity": "DISABLE ROW LEVEL SECURITY",
    "AT_ForceRowSecurity": "FORCE ROW LEVEL SECURITY",
    "AT_NoForceRowSecurity": "NO FORCE ROW LEVEL SECURITY",
    "AT_GenericOptions": "OPTIONS",
    "AT_AlterConstraint": "ALTER CONSTRAINT",
}
# Column options: (option, words of the action before the value, counting the column name).
_COLUMN_OPTIONS = {
    "AT_SetStatistics": "SET STATISTICS",
    "AT_SetOptions": "SET",
    "AT_ResetOptions": "RESET",
    "AT_SetStorage": "SET STORAGE",
    "AT_SetCompression": "SET COMPRESSION",
    "AT_AddIdentity": "ADD GENERATED",
    "AT_SetIdentity": "SET IDENTITY",
    "AT_DropIdentity": "DROP IDENTITY",
    "AT_DropExpression": "DROP EXPRESSION",
    "AT_SetExpression": "SET EXPRESSION",
    "AT_AlterColumnGenericOptions": "OPTIONS",
}


_TYPE_ACTIONS = {
    "AT_AddColumn": "ADD ATTRIBUTE",
    "AT_DropColumn": "DROP ATTRIBUTE",
    "AT_AlterColumnType": "ALTER ATTRIBUTE",
}


def alter_table(node: Any, ctx: Context) -> Statement:
    objtype = node.objtype
    if objtype == "OBJECT_INDEX":
        return _alter_index(node, ctx)
    if objtype == "OBJECT_SEQUENCE":
        return AlterSequence(
            text=ctx.text,
            span=ctx.source.locator.whole(),
            name=ctx.relation(node.relation),
            options=tuple(_TABLE_OPTIONS.get(cmd.subtype, "") for cmd in node.cmds),
        )
    if objtype == "OBJECT_TYPE":  # ALTER TYPE … ADD/DROP/ALTER ATTRIBUTE
        return AlterType(
            text=ctx.text,
            span=ctx.source.locator.whole(),
            name=ctx.relation(node.relation),
            action=", ".join(_TYPE_ACTIONS.get(cmd.subtype, cmd.subtype) for cmd in node.cmds),
        )
    if objtype in ("OBJECT_VIEW", "OBJECT_MATVIEW"):
        return alter_view(node, ctx)
    if objtype not in ("OBJECT_TABLE", "OBJECT_FOREIGN_TABLE"):
        return unmodelled(ctx, f"ALTER {_object_words(objtype)} is not modelled")
    source = ctx.source
    relation = node.relation
    table = ctx.relation(relation)
    table_end = source.qualified_end(relation.location or 0)
    extents = _action_extents(ctx, table_end, len(node.cmds))
    actions = tuple(
        _action(cmd, ctx, start, end) for cmd, (start, end) in zip(node.cmds, extents, strict=True)
    )
    return AlterTable(
        text=ctx.text,
        span=source.locator.whole(),
        table=table,
        actions=actions,
        if_exists=bool(node.missing_ok),
        only=not relation.inh,
    )


def _object_words(objtype: str) -> str:
    return objtype.removeprefix("OBJECT_").replace("_", " ").replace("MATVIEW", "MATERIALIZED VIEW")


def _action_extents(ctx: Context, start: int, count: int) -> list[tuple[int, int]]:
    source = ctx.source
    end_of_text = len(source.text)
    starts = source.list_starts(start, end_of_text)
    if len(starts) != count:
        return [(start, end_of_text)] * count
    return [(begin, source.element_end(begin)) for begin in starts]


def _action(cmd: Any, ctx: Context, start: int, end: int) -> Action:
    source = ctx.source
    subtype = cmd.subtype
    text = source.slice(start, end)
    span = source.span(start, end)
    name_from = _after_verb(ctx, start, end)
    column = ctx.find_name(cmd.name, name_from, end)[0] if cmd.name else Name("")
    cascade = cmd.behavior is not None and cmd.behavior == "DROP_CASCADE"
    if subtype == "AT_AddColumn":
        return AddColumn(
            text=text, span=span, column=column_def(cmd.def_, ctx), if_not_exists=cmd.missing_ok
        )
    if subtype == "AT_DropColumn":
        return DropColumn(
            text=text, span=span, column=column, if_exists=cmd.missing_ok, cascade=cascade
        )
    if subtype == "AT_AlterColumnType":
        definition = cmd.def_
        column_type, _ = type_name(definition.typeName, source)
        using = None
        if definition.raw_default is not None:
            at = source.top_keyword(start, end, ("USING",))
            using = ctx.expr(definition.raw_default, source.token_end(at) if at >= 0 else start)
        collation = None
        if definition.collClause is not None:
            collation = ".".join(strings(definition.collClause.collname))
        return AlterColumnType(
            text=text,
            span=span,
            column=column,
            type=column_type,
            using=using,
            collation=collation,
        )
    if subtype == "AT_SetNotNull":
        return SetNotNull(text=text, span=span, column=column)
    if subtype == "AT_DropNotNull":
        return DropNotNull(text=text, span=span, column=column)
    if subtype == "AT_ColumnDefault":
        if cmd.def_ is None:
            return DropDefault(text=text, span=span, column=column)
        at = source.top_keyword(start, end, ("DEFAULT",))
        default = ctx.expr(cmd.def_, source.token_end(at) if at >= 0 else start)
        return SetDefault(text=text, span=span, column=column, default=default)
    if subtype in ("AT_AddConstraint", "AT_AddIndexConstraint"):
        added = constraint(cmd.def_, ctx, None, end)
        return AddConstraint(text=text, span=span, constraint=added)
    if subtype == "AT_ValidateConstraint":
        return ValidateConstraint(text=text, span=span, name=column)
    if subtype == "AT_DropConstraint":
        return DropConstraint(
            text=text, span=span, name=column, if_exists=cmd.missing_ok, cascade=cascade
        )
    if subtype == "AT_AttachPartition":
        partition = ctx.relation(cmd.def_.name)
        bound_at = source.keyword_after(cmd.def_.name.location or start, ("FOR", "DEFAULT"), end)
        bound = source.slice(bound_at, end).strip() if bound_at >= 0 else ""
        return AttachPartition(text=text, span=span, partition=partition, bound=bound)
    if subtype in ("AT_DetachPartition", "AT_DetachPartitionFinalize"):
        return DetachPartition(
            text=text,
            span=span,
            partition=ctx.relation(cmd.def_.name),
            concurrently=bool(cmd.def_.concurrent),
            finalize=subtype == "AT_DetachPartitionFinalize",
        )
    if subtype in _COLUMN_OPTIONS:
        option = _COLUMN_OPTIONS[subtype]
        after_name = ctx.find_name(cmd.name, name_from, end)[1] if cmd.name else start
        value = source.slice(after_name, end).strip()
        if value.upper().startswith(option):
            value = " ".join(value.split()[len(option.split()) :])
        return SetColumnOption(text=text, span=span, column=column, option=option, value=value)
    if subtype in _TABLE_OPTIONS:
        option = _TABLE_OPTIONS[subtype]
        value = source.words_after(start, end, len(option.split()))
        return SetTableOption(text=text, span=span, option=option, value=value)
    return UnmodelledAction(text=text, span=span, description=f"{subtype} is not modelled")


def _after_verb(ctx: Context, start: int, end: int) -> int:
    """Where the name of an action's column or constraint can start: after its verb, its
    COLUMN/CONSTRAINT keyword and IF [NOT] EXISTS (`DROP COLUMN IF EXISTS drop`)."""
    tokens = ctx.source.tokens
    index = ctx.source.index_at(start) + 1
    if index < len(tokens) and tokens[index].upper in ("COLUMN", "CONSTRAINT"):
        index += 1
    if index + 2 < len(tokens) and tokens[index].upper == "IF":
        index += 3 if tokens[index + 1].upper == "NOT" else 2
    return tokens[index].start if index < len(tokens) and tokens[index].start < end else start


def _alter_index(node: Any, ctx: Context) -> Statement:
    source = ctx.source
    relation = node.relation
    attach = None
    actions: list[str] = []
    for cmd in node.cmds:
        subtype = cmd.subtype
        if subtype == "AT_AttachPartition":
            attach = ctx.relation(cmd.def_.name)
            actions.append("ATTACH PARTITION")
        else:
            actions.append(_TABLE_OPTIONS.get(subtype, subtype))
    return AlterIndex(
        text=ctx.text,
        span=source.locator.whole(),
        name=ctx.relation(relation),
        attach_partition=attach,
        action=", ".join(actions),
        if_exists=bool(node.missing_ok),
    )


def rename(node: Any, ctx: Context) -> Statement:
    source = ctx.source
    kind = node.renameType
    whole = source.locator.whole()
    to_at = source.top_keyword(0, len(source.text), ("TO",))
    new_name, _ = ctx.find_name(node.newname, to_at if to_at >= 0 else 0)
    relation = ctx.relation(node.relation) if node.relation is not None else None
    relation_kind = node.relationType if node.relationType is not None else ""
    table_like = relation_kind in ("OBJECT_TABLE", "OBJECT_FOREIGN_TABLE")
    renames_table = kind in ("OBJECT_TABLE", "OBJECT_FOREIGN_TABLE")
    # the grammar leaves relationType unset for RENAME CONSTRAINT: only tables have that form
    renames_part = (kind == "OBJECT_COLUMN" and table_like) or kind == "OBJECT_TABCONSTRAINT"
    if relation is not None and (renames_table or renames_part):
        assert node.relation is not None
        start = source.qualified_end(node.relation.location or 0)
        begin = source.index_at(start)
        action_start = source.tokens[begin].start if begin < len(source.tokens) else start
        end = len(source.text.rstrip())
        text, span = source.slice(action_start, end), source.span(action_start, end)
        action: Action
        if kind in ("OBJECT_TABLE", "OBJECT_FOREIGN_TABLE"):
            action = RenameTo(text=text, span=span, new=ObjectName(new_name, span=new_name.span))
        else:
            old, _ = ctx.find_name(node.subname, action_start, to_at if to_at >= 0 else None)
            if kind == "OBJECT_COLUMN":
                action = RenameColumn(text=text, span=span, old=old, new=new_name)
            else:
                action = RenameConstraint(text=text, span=span, old=old, new=new_name)
        return AlterTable(
            text=ctx.text,
            span=whole,
            table=relation,
            actions=(action,),
            if_exists=bool(node.missing_ok),
            only=not node.relation.inh,
        )
    if kind == "OBJECT_INDEX" and relation is not None:
        return AlterIndex(
            text=ctx.text,
            span=whole,
            name=relation,
            rename_to=new_name,
            action="RENAME TO",
            if_exists=bool(node.missing_ok),
        )
    if kind == "OBJECT_SCHEMA":
        old, _ = ctx.find_name(node.subname, 0)
        return AlterSchema(text=ctx.text, span=whole, name=old, rename_to=new_name)
    if kind == "OBJECT_SEQUENCE" and relation is not None:
        return AlterSequence(
            text=ctx.text, span=whole, name=relation, options=("RENAME TO",), rename_to=new_name
        )
    if kind in ("OBJECT_TYPE", "OBJECT_ATTRIBUTE", "OBJECT_DOMAIN", "OBJECT_DOMCONSTRAINT"):
        parts = strings(node.object) if kind != "OBJECT_ATTRIBUTE" else []
        if kind == "OBJECT_ATTRIBUTE" and node.relation is not None:
            target = ctx.relation(node.relation)
        else:
            target, _ = ctx.find_object(parts, 0)
        if kind.startswith("OBJECT_DOM"):
            words = "RENAME CONSTRAINT" if kind == "OBJECT_DOMCONSTRAINT" else "RENAME TO"
            renamed = ctx.find_name(node.subname, 0)[0] if node.subname else None
            return AlterDomain(
                text=ctx.text, span=whole, name=target, action=words, constraint_name=renamed
            )
        words = "RENAME ATTRIBUTE" if kind == "OBJECT_ATTRIBUTE" else "RENAME TO"
        return AlterType(
            text=ctx.text,
            span=whole,
            name=target,
            action=words,
            value=node.newname,
            old_value=node.subname or "",
        )
    altered = renamed_object(node, ctx, new_name)
    if altered is not None:
        return altered
    what = _object_words(relation_kind if kind == "OBJECT_COLUMN" else kind)
    return unmodelled(ctx, f"ALTER {what} … RENAME is not modelled")
