"""Column definitions, constraints and index key parts from sqlglot trees (CREATE TABLE, ADD
COLUMN, MODIFY, CHANGE), with the spans of the tokens each was read from."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlglot import exp
from sqlglot.tokenizer_core import TokenType

from dbops.core.sqlite_types import CONSTRAINT_WORDS
from dbops.core.statements import (
    ColumnDef,
    Constraint,
    ConstraintKind,
    Expr,
    ForeignKeyTarget,
    Generated,
    IndexElement,
    InlineIndex,
    Name,
)
from dbops.parsing.sqlglot_expressions import expr, range_expr
from dbops.parsing.sqlglot_names import name, object_name, token_name
from dbops.parsing.sqlglot_tokens import Reader, TrailingText
from dbops.parsing.sqlglot_types import read_type


def column_def(reader: Reader, node: exp.ColumnDef, part: range | None = None) -> ColumnDef:
    """A column definition; `part` is the tokens it was written in, when the caller knows."""
    column_name = name(reader, node.this)
    start = reader.index_at(int(node.this.meta["start"])) if node.this.meta else None
    if part is None:
        found = reader.node_range(node)
        part = range(found[0], found[1] + 1) if found else range(0, len(reader))
        if start is not None:
            part = range(start, _definition_end(reader, start) + 1)
    last = part.stop - 1
    type_name, after_type = (
        read_type(reader, start + 1, last) if start is not None else (None, part.start)
    )
    # SQLite: after the type only a constraint may follow (`int(11) unsigned` is an error)
    sqlite_extra = reader.dialect == "sqlite" and after_type <= last
    if sqlite_extra and reader.word(after_type) not in CONSTRAINT_WORDS:
        raise TrailingText(after_type)
    fields: dict[str, Any] = {"name": column_name, "type": type_name}
    constraints: list[Constraint] = []
    for item in node.constraints:
        constraint = _column_constraint(reader, fields, item, range(after_type, last + 1))
        if constraint is not None:
            constraints.append(constraint)
    if type_name is not None and type_name.written.upper().startswith("SERIAL"):
        # SERIAL: BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE, a pseudo-type as in PostgreSQL
        fields["not_null"] = fields["auto_increment"] = fields["serial"] = True
        unique = Constraint(ConstraintKind.UNIQUE, columns=(column_name,), span=type_name.span)
        constraints.append(unique)
    charset, collation = fields.get("charset"), fields.get("collation")
    if type_name is not None and (charset or collation):
        fields["type"] = replace(type_name, charset=charset, collation=collation)
    return ColumnDef(**fields, constraints=tuple(constraints), span=reader.range_span(part))


def _definition_end(reader: Reader, start: int) -> int:
    """The last token of a column definition starting at `start` (before a comma or the
    closing parenthesis at depth 0)."""
    index = start
    while index < len(reader):
        if reader.is_open(index):
            index = reader.partner(index) + 1
            continue
        if reader.type_at(index) is not None and (
            reader.is_close(index) or reader.tokens[index].text == ","
        ):
            return index - 1
        index += 1
    return len(reader) - 1


def _column_constraint(
    reader: Reader, fields: dict[str, Any], item: exp.Expr, part: range
) -> Constraint | None:
    """Record a column attribute in `fields`, or return the inline constraint it is."""
    kind = item.args.get("kind") if isinstance(item, exp.ColumnConstraint) else item
    constraint_name = item.args.get("this") if isinstance(item, exp.ColumnConstraint) else None
    named = name(reader, constraint_name) if constraint_name is not None else None
    columns = (fields["name"],)
    if isinstance(kind, exp.NotNullColumnConstraint):
        key = "null_written" if kind.args.get("allow_null") else "not_null"
        fields[key] = True
        return None
    if isinstance(kind, exp.DefaultColumnConstraint):
        fields["default"] = _after_keyword(reader, kind.this, part, "DEFAULT")
        return None
    if isinstance(kind, exp.OnUpdateColumnConstraint):
        fields["on_update"] = _after_keyword(reader, kind.this, part, "UPDATE")
        return None
    if isinstance(kind, exp.AutoIncrementColumnConstraint):
        fields["auto_increment"] = True
        return None
    if isinstance(kind, exp.CommentColumnConstraint):
        fields["comment"] = kind.this.name if kind.this else ""
        return None
    if isinstance(kind, exp.CharacterSetColumnConstraint):
        fields["charset"] = kind.this.name.lower() if kind.this else None
        return None
    if isinstance(kind, exp.CollateColumnConstraint):
        fields["collation"] = kind.this.name.lower() if kind.this else None
        return None
    if isinstance(kind, exp.ComputedColumnConstraint):
        stored = bool(kind.args.get("persisted"))
        generated = Generated.STORED if stored else Generated.VIRTUAL
        inner = kind.this.this if isinstance(kind.this, exp.Paren) else kind.this
        generated_expr = expr(reader, inner) if inner else None
        fields["generated"], fields["generated_expr"] = generated, generated_expr
        return None
    if isinstance(kind, exp.GeneratedAsIdentityColumnConstraint):
        generated_expr = expr(reader, kind.expression) if kind.expression else None
        if generated_expr is not None:
            stored_at = reader.find("STORED", part.start, part.stop - 1)
            stored = bool(kind.args.get("stored")) or stored_at is not None
            generated = Generated.STORED if stored else Generated.VIRTUAL
            fields["generated"], fields["generated_expr"] = generated, generated_expr
            return None
        always = bool(kind.args.get("this"))
        identity = Generated.IDENTITY_ALWAYS if always else Generated.IDENTITY_BY_DEFAULT
        fields["generated"] = identity
        return None
    span = reader.range_span(part)
    if isinstance(kind, exp.PrimaryKeyColumnConstraint):
        return _keyword_constraint(reader, ConstraintKind.PRIMARY_KEY, part, named, columns)
    if isinstance(kind, exp.UniqueColumnConstraint):
        return _keyword_constraint(reader, ConstraintKind.UNIQUE, part, named, columns)
    if isinstance(kind, exp.Reference):
        at = reader.find("REFERENCES", part.start, part.stop - 1)
        span = reader.span(at, part.stop - 1) if at is not None else span
        return Constraint(
            ConstraintKind.FOREIGN_KEY,
            name=named,
            columns=columns,
            references=foreign_key_target(reader, kind),
            span=span,
        )
    if isinstance(kind, exp.CheckColumnConstraint):
        at = reader.find("CHECK", part.start, part.stop - 1)
        span = reader.span(at, reader.partner(at + 1)) if at is not None else span
        check = _check_expr(reader, kind.this, at)
        return Constraint(ConstraintKind.CHECK, name=named, columns=columns, check=check, span=span)
    return None


def _keyword_constraint(
    reader: Reader, kind: ConstraintKind, part: range, named: Name | None, columns: tuple[Name]
) -> Constraint:
    keyword = "PRIMARY" if kind is ConstraintKind.PRIMARY_KEY else "UNIQUE"
    at = reader.find(keyword, part.start, part.stop - 1)
    if at is None and keyword == "PRIMARY":
        at = reader.find("KEY", part.start, part.stop - 1)
    last = at + 1 if at is not None and reader.word(at + 1) == "KEY" else at
    span = reader.span(at, last or at) if at is not None else reader.range_span(part)
    return Constraint(kind, name=named, columns=columns, span=span)


def _after_keyword(reader: Reader, node: exp.Expr, part: range, keyword: str) -> Expr:
    """DEFAULT's or ON UPDATE's expression: from the token after the keyword to the end of
    the tokens the expression was read from."""
    at = reader.find(keyword, part.start, part.stop - 1)
    if at is None:
        return expr(reader, node)
    found = reader.node_range(node)
    last = found[1] if found is not None and found[1] > at else _operand_end(reader, at + 1)
    return range_expr(reader, node, at + 1, last)


def _operand_end(reader: Reader, start: int) -> int:
    """The last token of a simple operand starting at `start`: `-1`, `'x'`, `(expr)`,
    `CURRENT_TIMESTAMP`, `CURRENT_TIMESTAMP(3)`, `now()`."""
    index = start
    if reader.tokens[index].text in ("-", "+") and index + 1 < len(reader):
        index += 1
    if reader.is_open(index):
        return reader.partner(index)
    if reader.is_open(index + 1):
        return reader.partner(index + 1)
    return index


def _check_expr(reader: Reader, node: exp.Expr, check_at: int | None) -> Expr:
    if check_at is not None and reader.is_open(check_at + 1):
        close = reader.partner(check_at + 1)
        return range_expr(reader, node, check_at + 2, close - 1)
    return expr(reader, node)


def foreign_key_target(reader: Reader, reference: exp.Expr) -> ForeignKeyTarget:
    target = reference.this
    columns: tuple[Name, ...] = ()
    if isinstance(target, exp.Schema):
        columns = tuple(name(reader, column) for column in target.expressions)
    on_delete = on_update = ""
    for option in reference.args.get("options") or []:
        words = str(option.name if isinstance(option, exp.Expr) else option).upper()
        if words.startswith("ON DELETE "):
            on_delete = words.removeprefix("ON DELETE ").strip()
        elif words.startswith("ON UPDATE "):
            on_update = words.removeprefix("ON UPDATE ").strip()
    return ForeignKeyTarget(
        table=object_name(reader, target), columns=columns, on_delete=on_delete, on_update=on_update
    )


def index_elements(reader: Reader, items: list[exp.Expr]) -> tuple[IndexElement, ...]:
    """Index key parts: columns (with prefix lengths, DESC) and expressions."""
    elements: list[IndexElement] = []
    for written in items:
        descending = bool(written.args.get("desc")) if isinstance(written, exp.Ordered) else False
        item = written.this if isinstance(written, exp.Ordered) else written
        collation = ""
        if isinstance(item, exp.Collate):  # SQLite `col COLLATE NOCASE`
            collation = reader.node_text(item.expression) if item.expression else ""
            item = item.this
        span = reader.node_span(item)
        if isinstance(item, exp.ColumnPrefix):
            length = item.expression.name if item.expression else ""
            elements.append(
                IndexElement(
                    column=name(reader, item.this),
                    descending=descending,
                    prefix_length=int(length) if length.isdigit() else None,
                    span=span,
                )
            )
        elif isinstance(item, exp.Column | exp.Identifier):
            elements.append(
                IndexElement(
                    column=name(reader, item),
                    descending=descending,
                    collation=collation,
                    span=span,
                )
            )
        elif (length := _prefix_length(reader, item)) is not None:
            # MySQL `a(10)` (a function needs its own parentheses in a key part): a prefix
            first = reader.node_range(item)
            column = token_name(reader, first[0]) if first else name(reader, item)
            elements.append(
                IndexElement(column=column, descending=descending, prefix_length=length, span=span)
            )
        else:
            elements.append(
                IndexElement(expression=expr(reader, item), descending=descending, span=span)
            )
    return tuple(elements)


def _prefix_length(reader: Reader, item: exp.Expr) -> int | None:
    """The length of a MySQL key part `name(N)` that sqlglot read as a function call."""
    if reader.dialect != "mysql" or not isinstance(item, exp.Func):
        return None
    found = reader.node_range(item)
    if found is None or found[1] - found[0] != 3:  # name ( N )
        return None
    length = reader.tokens[found[0] + 2]
    if reader.is_open(found[0] + 1) and length.token_type == TokenType.NUMBER:
        return int(length.text)
    return None


def inline_index(reader: Reader, node: exp.IndexColumnConstraint, part: range) -> InlineIndex:
    """`INDEX|KEY name (…)`, `FULLTEXT|SPATIAL KEY name (…)` inside CREATE TABLE or ADD."""
    kind = str(node.args.get("kind") or "").upper()
    method = kind if kind in ("FULLTEXT", "SPATIAL") else ""
    for option in node.args.get("options") or []:
        using = option.args.get("using") if isinstance(option, exp.Expr) else None
        if using and not method:
            method = str(using.name if isinstance(using, exp.Expr) else using).upper()
    index_type = node.args.get("index_type")  # KEY k USING HASH (a): a Var, or a bare word
    if not method and index_type not in (None, False, True):
        written = index_type.name if isinstance(index_type, exp.Expr) else str(index_type)
        method = written.upper()
    index_name = name(reader, node.this) if node.this is not None else None
    return InlineIndex(
        name=index_name,
        elements=index_elements(reader, list(node.expressions)),
        method=method,
        span=reader.range_span(part),
    )
