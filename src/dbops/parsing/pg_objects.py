"""Types, domains, sequences, schemas, extensions, comments and the SET SCHEMA / OWNER TO
forms, from pglast nodes. Routines, grants and maintenance are in pg_routines."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dbops.core.statements import (
    AlterDomain,
    AlterSchema,
    AlterSequence,
    AlterTable,
    AlterType,
    Comment,
    CreateDomain,
    CreateExtension,
    CreateSchema,
    CreateSequence,
    CreateType,
    Drop,
    Expr,
    SetSchema,
    Statement,
)
from dbops.parsing.pg_alter_objects import BUILDERS as ALTER_OBJECT_BUILDERS
from dbops.parsing.pg_alter_objects import owner_or_schema
from dbops.parsing.pg_context import Context, unmodelled
from dbops.parsing.pg_ctas import create_table_as, create_view, merge
from dbops.parsing.pg_other import object_words
from dbops.parsing.pg_queries import strings
from dbops.parsing.pg_routines import BUILDERS as ROUTINE_BUILDERS
from dbops.parsing.pg_tables import constraint
from dbops.parsing.pg_types import type_name

_DOMAIN_ACTIONS = {
    "N": "DROP NOT NULL",
    "O": "SET NOT NULL",
    "C": "ADD CONSTRAINT",
    "X": "DROP CONSTRAINT",
    "V": "VALIDATE CONSTRAINT",
}


_ON_TABLE = frozenset(["CONSTRAINT", "TRIGGER", "POLICY", "RULE"])


def _parts(item: Any) -> list[str]:
    if isinstance(item, tuple):
        return [part.sval or "" for part in item]
    if type(item).__name__ == "TypeName":
        return strings(item.names)
    if type(item).__name__ == "ObjectWithArgs":
        return strings(item.objname)
    return [str(item.sval or "")]


def _after_words(ctx: Context, count: int) -> int:
    """The offset of the statement's token after its first `count` (`CREATE TYPE` …): where
    the object's name is looked for, so that a type named `type` is not the keyword."""
    tokens = ctx.source.tokens
    return tokens[count].start if count < len(tokens) else 0


def comment(node: Any, ctx: Context) -> Statement:
    source = ctx.source
    kind = object_words(node.objtype)
    parts = _parts(node.object)
    on_at = source.keyword_after(0, ("ON",))
    start = source.index_at(max(on_at, 0)) + 1 + len(kind.split())
    position = source.tokens[start].start if start < len(source.tokens) else 0
    column = None
    if kind == "COLUMN" and len(parts) > 1:
        target, after = ctx.find_object(parts[:-1], position)
        column, _ = ctx.find_name(parts[-1], after)
    elif kind in _ON_TABLE and len(parts) > 1:
        # `COMMENT ON CONSTRAINT c ON t`: the table is the target, the constraint (trigger,
        # policy, rule) is named in `column`
        column, after = ctx.find_name(parts[-1], position)
        target, _ = ctx.find_object(parts[:-1], after)
    else:
        target, _ = ctx.find_object(parts, position)
    return Comment(
        text=ctx.text,
        span=source.locator.whole(),
        object_kind=kind,
        target=target,
        column=column,
        comment=node.comment,
    )


def alter_enum(node: Any, ctx: Context) -> Statement:
    name, _ = ctx.find_object(strings(node.typeName), _after_words(ctx, 2))
    renaming = node.oldVal is not None
    neighbour = node.newValNeighbor or ""
    return AlterType(
        text=ctx.text,
        span=ctx.source.locator.whole(),
        name=name,
        action="RENAME VALUE" if renaming else "ADD VALUE",
        value=node.newVal or "",
        old_value=node.oldVal or "",
        before=neighbour if neighbour and not node.newValIsAfter else "",
        after=neighbour if neighbour and node.newValIsAfter else "",
        if_not_exists=bool(node.skipIfNewValExists),
    )


def create_enum(node: Any, ctx: Context) -> Statement:
    name, _ = ctx.find_object(strings(node.typeName), _after_words(ctx, 2))
    return CreateType(
        text=ctx.text,
        span=ctx.source.locator.whole(),
        name=name,
        type_kind="ENUM",
        enum_values=tuple(strings(node.vals)),
    )


def create_composite(node: Any, ctx: Context) -> Statement:
    return CreateType(
        text=ctx.text,
        span=ctx.source.locator.whole(),
        name=ctx.relation(node.typevar),
        type_kind="COMPOSITE",
    )


def create_range(node: Any, ctx: Context) -> Statement:
    name, _ = ctx.find_object(strings(node.typeName), _after_words(ctx, 2))
    return CreateType(text=ctx.text, span=ctx.source.locator.whole(), name=name, type_kind="RANGE")


def define(node: Any, ctx: Context) -> Statement:
    kind = node.kind
    if kind != "OBJECT_TYPE":
        return unmodelled(ctx, f"CREATE {object_words(kind)} is not modelled")
    name, _ = ctx.find_object(strings(node.defnames), _after_words(ctx, 2))
    type_kind = "BASE" if node.definition else "SHELL"
    return CreateType(
        text=ctx.text, span=ctx.source.locator.whole(), name=name, type_kind=type_kind
    )


def create_domain(node: Any, ctx: Context) -> Statement:
    source = ctx.source
    name, _ = ctx.find_object(strings(node.domainname), _after_words(ctx, 2))
    base, _ = type_name(node.typeName, source)
    not_null = False
    checks: list[Expr] = []
    default = None
    for item in node.constraints or ():
        contype = item.contype
        start = item.location if item.location is not None else 0
        if contype == "CONSTR_NOTNULL":
            not_null = True
        elif contype == "CONSTR_CHECK" and item.raw_expr is not None:
            at = source.keyword_after(start, ("CHECK",))
            checks.append(ctx.expr(item.raw_expr, source.token_end(max(at, start))))
        elif contype == "CONSTR_DEFAULT" and item.raw_expr is not None:
            at = source.keyword_after(start, ("DEFAULT",))
            default = ctx.expr(item.raw_expr, source.token_end(max(at, start)))
    return CreateDomain(
        text=ctx.text,
        span=source.locator.whole(),
        name=name,
        base_type=base.name,
        not_null=not_null,
        checks=tuple(checks),
        default=default,
    )


def alter_domain(node: Any, ctx: Context) -> Statement:
    source = ctx.source
    name, after = ctx.find_object(strings(node.typeName), _after_words(ctx, 2))
    subtype = node.subtype
    if subtype == "T":
        action = "DROP DEFAULT" if node.def_ is None else "SET DEFAULT"
    else:
        action = _DOMAIN_ACTIONS.get(subtype, subtype)
    constraint_name = None
    not_valid = False
    check = None
    if subtype == "C" and node.def_ is not None:
        added = constraint(node.def_, ctx, None)
        constraint_name, not_valid, check = added.name, added.not_valid, added.check
    elif node.name:
        constraint_name, _ = ctx.find_name(node.name, after)
    return AlterDomain(
        text=ctx.text,
        span=source.locator.whole(),
        name=name,
        action=action,
        constraint_name=constraint_name,
        not_valid=not_valid,
        check=check,
    )


def create_extension(node: Any, ctx: Context) -> Statement:
    position = ctx.source.keyword_after(0, ("EXTENSION",))
    name, _ = ctx.find_name(node.extname, ctx.source.token_end(max(position, 0)))
    return CreateExtension(
        text=ctx.text,
        span=ctx.source.locator.whole(),
        name=name,
        if_not_exists=bool(node.if_not_exists),
    )


def create_schema(node: Any, ctx: Context) -> Statement:
    position = ctx.source.token_end(max(ctx.source.keyword_after(0, ("SCHEMA",)), 0))
    value = node.schemaname or (node.authrole.rolename if node.authrole is not None else "")
    name, _ = ctx.find_name(value or "", position)
    if node.schemaElts:
        return unmodelled(ctx, "CREATE SCHEMA with schema elements is not modelled")
    return CreateSchema(
        text=ctx.text,
        span=ctx.source.locator.whole(),
        name=name,
        if_not_exists=bool(node.if_not_exists),
    )


def create_sequence(node: Any, ctx: Context) -> Statement:
    data_type = ""
    for option in node.options or ():
        if option.defname == "as" and type(option.arg).__name__ == "TypeName":
            data_type = type_name(option.arg, ctx.source)[0].name
    return CreateSequence(
        text=ctx.text,
        span=ctx.source.locator.whole(),
        name=ctx.relation(node.sequence),
        if_not_exists=bool(node.if_not_exists),
        data_type=data_type,
    )


def alter_sequence(node: Any, ctx: Context) -> Statement:
    options = tuple(option.defname.replace("_", " ").upper() for option in node.options or ())
    return AlterSequence(
        text=ctx.text,
        span=ctx.source.locator.whole(),
        name=ctx.relation(node.sequence),
        options=options,
    )


def alter_owner(node: Any, ctx: Context) -> Statement:
    kind = node.objectType
    whole = ctx.source.locator.whole()
    if kind == "OBJECT_SCHEMA":
        name, _ = ctx.find_name(node.object.sval, 0)
        return AlterSchema(text=ctx.text, span=whole, name=name)
    if kind in ("OBJECT_TYPE", "OBJECT_DOMAIN"):
        target, _ = ctx.find_object(_parts(node.object), 0)
        if kind == "OBJECT_DOMAIN":
            return AlterDomain(text=ctx.text, span=whole, name=target, action="OWNER TO")
        return AlterType(text=ctx.text, span=whole, name=target, action="OWNER TO")
    return owner_or_schema(node, ctx, "OWNER TO") or unmodelled(
        ctx, f"ALTER {object_words(kind)} … OWNER TO is not modelled"
    )


def set_schema(node: Any, ctx: Context) -> Statement:
    kind = node.objectType
    source = ctx.source
    whole = source.locator.whole()
    schema_at = source.top_keyword(0, len(ctx.text), ("SCHEMA",))
    schema, _ = ctx.find_name(node.newschema, source.token_end(max(schema_at, 0)))
    if kind in ("OBJECT_TABLE", "OBJECT_FOREIGN_TABLE") and node.relation is not None:
        start = source.index_at(source.qualified_end(node.relation.location or 0))
        action_start = source.tokens[start].start if start < len(source.tokens) else 0
        end = len(ctx.text.rstrip())
        action = SetSchema(
            text=source.slice(action_start, end),
            span=source.span(action_start, end),
            schema=schema,
        )
        return AlterTable(
            text=ctx.text,
            span=whole,
            table=ctx.relation(node.relation),
            actions=(action,),
            if_exists=bool(node.missing_ok),
            only=not node.relation.inh,
        )
    if kind == "OBJECT_SEQUENCE" and node.relation is not None:
        return AlterSequence(
            text=ctx.text, span=whole, name=ctx.relation(node.relation), options=("SET SCHEMA",)
        )
    if kind in ("OBJECT_TYPE", "OBJECT_DOMAIN"):
        target, _ = ctx.find_object(_parts(node.object), 0)
        if kind == "OBJECT_DOMAIN":
            return AlterDomain(text=ctx.text, span=whole, name=target, action="SET SCHEMA")
        return AlterType(
            text=ctx.text, span=whole, name=target, action="SET SCHEMA", value=node.newschema
        )
    return owner_or_schema(node, ctx, "SET SCHEMA") or unmodelled(
        ctx, f"ALTER {object_words(kind)} … SET SCHEMA is not modelled"
    )


def drop_database(node: Any, ctx: Context) -> Statement:
    """`DROP DATABASE [IF EXISTS] name [WITH (FORCE)]` as a Drop of kind DATABASE."""
    start = _after_words(ctx, 2)
    name, _ = ctx.find_object([node.dbname], start)
    return Drop(
        text=ctx.text,
        span=ctx.source.locator.whole(),
        object_kind="DATABASE",
        names=(name,),
        if_exists=bool(node.missing_ok),
    )


BUILDERS: dict[str, Callable[[Any, Context], Statement]] = {
    "CreateTableAsStmt": create_table_as,
    "ViewStmt": create_view,
    "MergeStmt": merge,
    "CommentStmt": comment,
    "AlterEnumStmt": alter_enum,
    "CreateEnumStmt": create_enum,
    "CompositeTypeStmt": create_composite,
    "CreateRangeStmt": create_range,
    "DefineStmt": define,
    "CreateDomainStmt": create_domain,
    "AlterDomainStmt": alter_domain,
    "CreateExtensionStmt": create_extension,
    "CreateSchemaStmt": create_schema,
    "CreateSeqStmt": create_sequence,
    "AlterSeqStmt": alter_sequence,
    "AlterOwnerStmt": alter_owner,
    "AlterObjectSchemaStmt": set_schema,
    "DropdbStmt": drop_database,
    **ROUTINE_BUILDERS,
    **ALTER_OBJECT_BUILDERS,
}
