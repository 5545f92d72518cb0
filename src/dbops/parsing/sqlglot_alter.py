"""ALTER TABLE from sqlglot trees: one action per comma-separated part, in the order written.

sqlglot keeps actions and table options apart (and drops their order); the tokens keep the
order, so each top-level part of the statement is read in turn: table options and
partition maintenance from the tokens, every other action from the tree's next action. When
sqlglot kept the statement as an opaque command, each part is parsed on its own (see
`sqlglot_alter_parts`).
"""

from __future__ import annotations

from sqlglot import exp

from dbops.core.statements import (
    Action,
    AddColumn,
    AddConstraint,
    AddIndex,
    AlterColumnType,
    ColumnDef,
    Constraint,
    DropColumn,
    DropConstraint,
    DropDefault,
    DropIndexAction,
    DropPrimaryKey,
    InlineIndex,
    ModifyColumn,
    RenameColumn,
    RenameIndex,
    RenameTo,
    SetColumnOption,
    SetDefault,
    SetTableOption,
    UnmodelledAction,
)
from dbops.parsing.sqlglot_columns import column_def
from dbops.parsing.sqlglot_create import read_element
from dbops.parsing.sqlglot_expressions import expr, range_expr
from dbops.parsing.sqlglot_names import name, object_name
from dbops.parsing.sqlglot_tokens import Reader
from dbops.parsing.sqlglot_types import read_type

DROP_KINDS = {"FOREIGN KEY": "foreign key", "CHECK": "check", "CONSTRAINT": ""}


def tree_action(reader: Reader, node: exp.Expr, part: range) -> Action:
    """One action of an `exp.Alter`, read from the tokens in `part`."""
    text, span = reader.range_text(part), reader.range_span(part)
    if isinstance(node, exp.ColumnDef):
        column = column_def(reader, node, _definition_part(reader, node, part))
        return AddColumn(
            text=text,
            span=span,
            column=column,
            if_not_exists=bool(node.args.get("exists")),
            position=_position(reader, node),
        )
    if isinstance(node, exp.ModifyColumn):
        definition = node.this
        old = node.args.get("rename_from")
        return ModifyColumn(
            text=text,
            span=span,
            old=name(reader, old) if old is not None else None,
            column=column_def(reader, definition, _definition_part(reader, definition, part)),
            position=_position(reader, definition),
        )
    if isinstance(node, exp.Drop):
        return _drop(reader, node, text, part)
    if isinstance(node, exp.AlterColumn):
        return _alter_column(reader, node, text, part)
    if isinstance(node, exp.RenameColumn):
        return RenameColumn(
            text=text, span=span, old=name(reader, node.this), new=name(reader, node.args["to"])
        )
    if isinstance(node, exp.AlterRename):
        return RenameTo(text=text, span=span, new=object_name(reader, node.this))
    if isinstance(node, exp.RenameIndex):
        return RenameIndex(
            text=text, span=span, old=name(reader, node.this), new=name(reader, node.args["to"])
        )
    if isinstance(node, exp.DropPrimaryKey):
        return DropPrimaryKey(text=text, span=span)
    if isinstance(node, exp.AddConstraint) and node.expressions:
        return _add(reader, node.expressions[0], text, part)
    if isinstance(node, exp.ForceProperty):
        return SetTableOption(text=text, span=span, option="FORCE")
    return UnmodelledAction(text=text, span=span, description=_description(reader, part))


def _definition_part(reader: Reader, node: exp.ColumnDef, part: range) -> range:
    """The tokens of the column definition inside an action (after ADD [COLUMN] / MODIFY …),
    without a trailing FIRST / AFTER col."""
    start = reader.index_at(int(node.this.meta["start"])) if node.this.meta else part.start
    stop = part.stop
    after = reader.find("AFTER", start, part.stop - 1)
    first = reader.find("FIRST", start, part.stop - 1)
    for at in (after, first):
        if at is not None and at > start:
            stop = min(stop, at)
    return range(start, stop)


def _position(reader: Reader, node: exp.Expr) -> str:
    position = node.args.get("position")
    if not isinstance(position, exp.ColumnPosition):
        return ""
    where = str(position.args.get("position") or "").upper()
    if where == "AFTER" and position.this is not None:
        return f"AFTER {name(reader, position.this).written}"
    return where


def _drop(reader: Reader, node: exp.Drop, text: str, part: range) -> Action:
    span = reader.range_span(part)
    kind = str(node.args.get("kind") or "").upper()
    targets = node.args.get("tables") or node.expressions
    target = name(reader, targets[0]) if targets else None
    if kind == "COLUMN" and target is not None:
        return DropColumn(
            text=text,
            span=span,
            column=target,
            if_exists=bool(node.args.get("exists")),
            cascade=bool(node.args.get("cascade")),
        )
    if kind in ("INDEX", "KEY") and target is not None:
        return DropIndexAction(text=text, span=span, name=target)
    if kind in DROP_KINDS and target is not None:
        return DropConstraint(
            text=text,
            span=span,
            name=target,
            if_exists=bool(node.args.get("exists")),
            cascade=bool(node.args.get("cascade")),
            constraint_kind=DROP_KINDS[kind],
        )
    return UnmodelledAction(text=text, span=span, description=_description(reader, part))


def _alter_column(reader: Reader, node: exp.AlterColumn, text: str, part: range) -> Action:
    span = reader.range_span(part)
    column = name(reader, node.this)
    default = node.args.get("default")
    if isinstance(default, exp.Expr):
        at = reader.find("DEFAULT", part.start, part.stop - 1)
        value = (
            range_expr(reader, default, at + 1, part.stop - 1)
            if at is not None
            else expr(reader, default)
        )
        return SetDefault(text=text, span=span, column=column, default=value)
    if node.args.get("drop"):
        return DropDefault(text=text, span=span, column=column)
    if node.args.get("visible"):
        option = str(node.args["visible"]).upper()
        return SetColumnOption(text=text, span=span, column=column, option=option)
    if node.args.get("dtype") is not None:
        at = reader.find("TYPE", part.start, part.stop - 1)
        type_name, _ = read_type(reader, at + 1, part.stop - 1) if at is not None else (None, 0)
        if type_name is not None:
            return AlterColumnType(text=text, span=span, column=column, type=type_name)
    return UnmodelledAction(text=text, span=span, description=_description(reader, part))


def _add(reader: Reader, element: exp.Expr, text: str, part: range) -> Action:
    """ADD INDEX / KEY / UNIQUE / FULLTEXT / PRIMARY KEY / FOREIGN KEY / CONSTRAINT …"""
    span = reader.range_span(part)
    inner = range(part.start + 1, part.stop)  # after ADD
    columns: list[ColumnDef] = []
    constraints: list[Constraint] = []
    indexes: list[InlineIndex] = []
    read_element(reader, element, inner, columns, constraints, indexes)
    if indexes:
        return AddIndex(text=text, span=span, index=indexes[0])
    if constraints:
        return AddConstraint(text=text, span=span, constraint=constraints[0])
    return UnmodelledAction(text=text, span=span, description=_description(reader, part))


def _description(reader: Reader, part: range) -> str:
    """The action's first words as written (`DISCARD TABLESPACE`, `ADD COLUMN g`)."""
    return reader.text(part.start, min(part.stop, part.start + 3) - 1)
