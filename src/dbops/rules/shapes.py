"""Shapes of statements that many rules look for, read from sqlglot trees: the table a CREATE or
ALTER TABLE is about, its column definitions, its keys, a quoted display name."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlglot import exp

from dbops.core.schema import (
    INDEX,
    UNIQUE,
    Index,
    SchemaModel,
    column_constraints,
    index_columns,
    table_constraints,
)
from dbops.core.sql import ParsedStatement, node_line
from dbops.rules.base import RuleContext


def create_table(tree: exp.Expression | None) -> tuple[exp.Table, list[exp.Expression]] | None:
    """`CREATE TABLE t (…)`: the table and its definitions (columns and constraints)."""
    if not isinstance(tree, exp.Create) or (tree.args.get("kind") or "").upper() != "TABLE":
        return None
    target = tree.this
    if isinstance(target, exp.Schema) and isinstance(target.this, exp.Table):
        return target.this, list(target.expressions)
    if isinstance(target, exp.Table):
        return target, []
    return None


def alter_table(tree: exp.Expression | None) -> tuple[exp.Table, list[exp.Expression]] | None:
    """`ALTER TABLE t …`: the table and its actions."""
    if not isinstance(tree, exp.Alter) or (tree.args.get("kind") or "").upper() != "TABLE":
        return None
    if not isinstance(tree.this, exp.Table):
        return None
    return tree.this, list(tree.args.get("actions") or [])


def table_of(tree: exp.Expression | None) -> exp.Table | None:
    found = create_table(tree) or alter_table(tree)
    return found[0] if found else None


@dataclass(frozen=True)
class ColumnSite:
    """A column defined by the statement: in CREATE TABLE or ALTER TABLE … ADD COLUMN."""

    table: exp.Table
    definition: exp.ColumnDef
    created: bool  # in a CREATE TABLE (the table is new)


def column_definitions(tree: exp.Expression | None) -> Iterator[ColumnSite]:
    created = create_table(tree)
    if created is not None:
        for definition in created[1]:
            if isinstance(definition, exp.ColumnDef):
                yield ColumnSite(created[0], definition, True)
        return
    altered = alter_table(tree)
    if altered is not None:
        for action in altered[1]:
            if isinstance(action, exp.ColumnDef):
                yield ColumnSite(altered[0], action, False)


def keys_defined(
    tree: exp.Expression | None, model: SchemaModel
) -> Iterator[tuple[Index, exp.Expression]]:
    """Keys, indexes and constraints the statement defines, with the node that defines each."""
    found = create_table(tree) or alter_table(tree)
    if found is not None:
        table, definitions = found
        key = model.table_key(table)
        for definition in definitions:
            parts = (
                definition.expressions
                if isinstance(definition, exp.AddConstraint)
                else [definition]
            )
            for part in parts:
                if isinstance(part, exp.ColumnDef):
                    for index in column_constraints(part, key, model):
                        yield index, part
                else:
                    for index in table_constraints(part, key, model):
                        yield index, part
    elif isinstance(tree, exp.Create) and isinstance(tree.this, exp.Index):
        node = tree.this
        indexed = node.args.get("table")
        if isinstance(indexed, exp.Table):
            kind = UNIQUE if tree.args.get("unique") else INDEX
            name = model.name_of(node.this) if node.this else ""
            yield Index(name, model.table_key(indexed), index_columns(node, model), kind), tree


def display(table: exp.Table, context: RuleContext) -> str:
    """`"public"."t"` (PostgreSQL) or `t`: how messages name a table."""
    key = context.schema.table_key(table)
    return ".".join(f'"{part}"' for part in key.split("."))


def line_of(node: exp.Expression, statement: ParsedStatement) -> int:
    return node_line(node, statement)


def data_type(definition: exp.ColumnDef) -> exp.DataType | None:
    kind = definition.args.get("kind")
    return kind if isinstance(kind, exp.DataType) else None


def type_name(datatype: exp.DataType | None) -> str:
    """`VARCHAR`, `INT`, `TIMESTAMP`: the type's base name, upper case, without parameters."""
    if datatype is None:
        return ""
    value = datatype.this
    if isinstance(value, exp.DataType.Type):
        return str(value.value).upper()
    return str(value).upper()


def type_length(datatype: exp.DataType | None) -> int | None:
    if datatype is None:
        return None
    for parameter in datatype.expressions:
        node = parameter.this if isinstance(parameter, exp.DataTypeParam) else parameter
        if isinstance(node, exp.Literal) and not node.is_string:
            return int(str(node.this))
    return None


def has_constraint(definition: exp.ColumnDef, kind: type[exp.Expression]) -> bool:
    return any(isinstance(c.kind, kind) for c in definition.constraints)


def default_of(definition: exp.ColumnDef) -> exp.Expression | None:
    for constraint in definition.constraints:
        if isinstance(constraint.kind, exp.DefaultColumnConstraint):
            default = constraint.kind.this
            return default if isinstance(default, exp.Expression) else None
    return None


def created_in_this_file(table_key: str, context: RuleContext) -> bool:
    """A table created earlier in the same migration has no rows yet: locking it costs nothing."""
    table = context.schema.tables.get(table_key)
    return table is not None and table.created_in == context.file.path


def validated_constraints_on_existing_table(context: RuleContext, kind: str) -> Iterator[Index]:
    """Constraints of `kind` an ALTER TABLE adds without NOT VALID to a table that may have rows:
    PostgreSQL checks every row while it holds a lock that blocks writes."""
    tree = context.statement.tree
    altered = alter_table(tree)
    if altered is None or tree is None or tree.args.get("not_valid"):
        return
    if created_in_this_file(context.schema.table_key(altered[0]), context):
        return
    for index, _node in keys_defined(tree, context.schema):
        if index.kind == kind:
            yield index


def words_after(words: tuple[str, ...], word: str) -> tuple[str, ...]:
    return words[words.index(word) + 1 :] if word in words else ()
