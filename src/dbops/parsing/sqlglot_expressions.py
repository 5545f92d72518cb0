"""Expressions and queries from sqlglot trees to dbops' `Expr` and `Query`.

Text is always the statement's own text between the tokens a node was read from (never
sqlglot's rewrite: `NOW()` stays `NOW()`), function names are the names as written, lower case.
"""

from __future__ import annotations

from dataclasses import replace

from sqlglot import exp

from dbops.core.statements import Expr, ExprKind, ObjectName, Query, TableSource
from dbops.parsing.sqlglot_names import name, object_name
from dbops.parsing.sqlglot_tokens import Reader

OPERATORS: dict[type[exp.Expr], str] = {
    exp.EQ: "=",
    exp.NEQ: "<>",
    exp.GT: ">",
    exp.GTE: ">=",
    exp.LT: "<",
    exp.LTE: "<=",
    exp.NullSafeEQ: "<=>",
    exp.Add: "+",
    exp.Sub: "-",
    exp.Mul: "*",
    exp.Div: "/",
    exp.IntDiv: "div",
    exp.Mod: "%",
    exp.And: "and",
    exp.Or: "or",
    exp.Xor: "xor",
    exp.Not: "not",
    exp.Neg: "-",
    exp.Like: "like",
    exp.ILike: "ilike",
    exp.RegexpLike: "regexp",
    exp.In: "in",
    exp.Is: "is",
    exp.Between: "between",
    exp.DPipe: "||",
    exp.BitwiseAnd: "&",
    exp.BitwiseOr: "|",
    exp.BitwiseXor: "^",
    exp.BitwiseNot: "~",
    exp.BitwiseLeftShift: "<<",
    exp.BitwiseRightShift: ">>",
    exp.Exists: "exists",
    exp.Escape: "escape",
    exp.Collate: "collate",
}


# Constants as written: numbers, strings, booleans, `b'0'`, `x'AF'`/`0x1F`, `_utf8mb4'x'`, N'x'.
LITERALS = (
    exp.Literal,
    exp.Boolean,
    exp.BitString,
    exp.HexString,
    exp.ByteString,
    exp.Introducer,
    exp.National,
    exp.RawString,
    exp.UnicodeString,
)


def expr(reader: Reader, node: exp.Expr) -> Expr:
    """An expression of the tree as dbops models it."""
    if isinstance(node, exp.Literal) and node.meta:
        # the common case of a large INSERT: a constant, read straight from its position
        found = reader.meta_text_span(node)
        if found is not None:
            return Expr(ExprKind.LITERAL, found[0], span=found[1])
    text = reader.node_text(node)
    span = reader.node_span(node)
    if isinstance(node, exp.Alias):
        return expr(reader, node.this)
    if isinstance(node, exp.Paren):
        inner = expr(reader, node.this)
        return replace(inner, text=text, span=span)
    if isinstance(node, exp.Column):
        if isinstance(node.this, exp.Star):
            return Expr(ExprKind.STAR, text, qualifier=node.table, span=span)
        return Expr(ExprKind.COLUMN, text, name=node.name, qualifier=node.table, span=span)
    if isinstance(node, exp.Identifier):
        return Expr(ExprKind.COLUMN, text, name=str(node.this), span=span)
    if isinstance(node, exp.Star):
        return Expr(ExprKind.STAR, text, span=span)
    if isinstance(node, exp.Null):
        return Expr(ExprKind.NULL, text, span=span)
    if isinstance(node, LITERALS):
        return Expr(ExprKind.LITERAL, text, span=span)
    if isinstance(node, exp.Neg) and isinstance(node.this, exp.Literal) and node.this.is_number:
        return Expr(ExprKind.LITERAL, text, span=span)  # `-1` is a constant, as PostgreSQL has it
    if isinstance(node, exp.Placeholder | exp.Parameter | exp.SessionParameter):
        return Expr(ExprKind.PARAMETER, text, name=node.name, span=span)
    if isinstance(node, exp.Subquery | exp.Select | exp.SetOperation):
        return Expr(ExprKind.SUBQUERY, text, query=query(reader, node), span=span)
    if isinstance(node, exp.Cast | exp.TryCast):
        arguments = (expr(reader, node.this),) if isinstance(node.this, exp.Expr) else ()
        return Expr(
            ExprKind.CAST, text, name=_cast_type(reader, node), arguments=arguments, span=span
        )
    operator = OPERATORS.get(type(node))
    if operator is not None:
        return Expr(
            ExprKind.OPERATOR, text, name=operator, arguments=_args(reader, node), span=span
        )
    if isinstance(node, exp.Tuple):
        return Expr(ExprKind.ROW, text, arguments=_args(reader, node), span=span)
    if isinstance(node, exp.Array):
        return Expr(ExprKind.ARRAY, text, arguments=_args(reader, node), span=span)
    if isinstance(node, exp.Case):
        return Expr(ExprKind.CASE, text, arguments=_args(reader, node), span=span)
    if isinstance(node, exp.Func):
        name = _function_name(reader, node)
        return Expr(ExprKind.FUNCTION, text, name=name, arguments=_args(reader, node), span=span)
    return Expr(ExprKind.OTHER, text, name=node.key, arguments=_args(reader, node), span=span)


def optional_expr(reader: Reader, node: exp.Expr | None) -> Expr | None:
    return expr(reader, node) if isinstance(node, exp.Expr) else None


def range_expr(reader: Reader, node: exp.Expr, first: int, last: int) -> Expr:
    """An expression whose tokens the caller knows exactly (DEFAULT …, CHECK (…)): its text
    and span are those tokens'."""
    return replace(expr(reader, node), text=reader.text(first, last), span=reader.span(first, last))


# Words that end an expression written as a clause (WHERE …, ON …, SET a = …).
CLAUSE_ENDS = frozenset(
    [
        *("GROUP", "HAVING", "ORDER", "LIMIT", "WINDOW", "UNION", "EXCEPT", "INTERSECT", "FOR"),
        *("LOCK", "INTO", "RETURNING", "ON", "JOIN", "INNER", "LEFT", "RIGHT", "CROSS", "FULL"),
        *("NATURAL", "STRAIGHT_JOIN", "WHERE", "USING", "OFFSET", "SET", "FROM", "VALUES"),
        *("SELECT", "DO"),
    ]
)


def clause_expr(reader: Reader, node: exp.Expr | None) -> Expr | None:
    """An expression that runs to the end of its clause (WHERE, HAVING, ON, a SET value): its
    text and span reach the next clause keyword, so that text sqlglot keeps no position for
    (`INTERVAL 30 DAY`) is part of it."""
    if not isinstance(node, exp.Expr):
        return None
    found = reader.node_range(node)
    if found is None:
        return expr(reader, node)
    last = found[1]
    while last + 1 < len(reader):
        following = last + 1
        if reader.is_close(following) or reader.tokens[following].text in (",", ";"):
            break
        if reader.word(following) in CLAUSE_ENDS:
            break
        last = reader.partner(following) if reader.is_open(following) else following
    return range_expr(reader, node, found[0], last)


def _args(reader: Reader, node: exp.Expr | None) -> tuple[Expr, ...]:
    if node is None:
        return ()
    if not isinstance(node, exp.Expr):
        return ()
    if isinstance(node, exp.Column | exp.Literal | exp.Identifier | exp.Null | exp.Star):
        return (expr(reader, node),)
    children: list[Expr] = []
    for value in node.args.values():
        for child in value if isinstance(value, list) else [value]:
            if isinstance(child, exp.Expr) and not isinstance(child, exp.DataType | exp.Var):
                children.append(expr(reader, child))
    return tuple(children)


def _function_name(reader: Reader, node: exp.Func) -> str:
    found = reader.node_range(node)
    if found is not None:
        word = reader.tokens[found[0]].text
        if word.replace("_", "").replace("$", "").isalnum():
            return word.lower()
    if isinstance(node, exp.Anonymous):
        return str(node.this).lower()
    return node.sql_name().lower()


def _cast_type(reader: Reader, node: exp.Expr) -> str:
    found = reader.node_range(node)
    target = node.args.get("to")
    if found is not None:
        first, last = found
        if reader.word(first) == "CAST" and reader.is_open(first + 1):
            at = reader.find("AS", first + 2, last - 1)
            if at is not None:
                return reader.text(at + 1, last - 1)
    return target.sql(dialect=reader.dialect) if isinstance(target, exp.Expr) else ""


# --- queries -------------------------------------------------------------------------------


def query(reader: Reader, node: exp.Expr) -> Query:
    """A query (SELECT, a set operation, VALUES, a parenthesized subquery)."""
    span = reader.node_span(node)
    text = reader.node_text(node)
    if isinstance(node, exp.Subquery):
        return replace(query(reader, node.this), text=text, span=span)
    ctes = _ctes(reader, node)
    with_ = node.args.get("with_")
    recursive = isinstance(with_, exp.With) and bool(with_.args.get("recursive"))
    if isinstance(node, exp.SetOperation):
        operands = tuple(query(reader, side) for side in _operands(node))
        return Query(text=text, set_operands=operands, ctes=ctes, span=span, recursive=recursive)
    if isinstance(node, exp.Values):
        return Query(text=text, values_rows=len(node.expressions), span=span)
    if not isinstance(node, exp.Select):
        return Query(text=text, span=span)
    selected = tuple(expr(reader, item) for item in node.expressions)
    star = any(item.kind is ExprKind.STAR for item in selected)
    where, having = node.args.get("where"), node.args.get("having")
    order = node.args.get("order")
    limit = node.args.get("limit")
    return Query(
        text=text,
        sources=sources(reader, node),
        select_star=star,
        selected=selected,
        where=clause_expr(reader, where.this) if where else None,
        having=clause_expr(reader, having.this) if having else None,
        order_by=order_by(reader, order),
        limit=optional_expr(reader, limit.args.get("expression")) if limit else None,
        ctes=ctes,
        span=span,
        recursive=recursive,
    )


def sources(reader: Reader, node: exp.Expr) -> tuple[TableSource, ...]:
    """The tables a SELECT (or UPDATE/DELETE) reads: FROM's and the joins'."""
    found: list[TableSource] = []
    origin = node.args.get("from_")
    if isinstance(origin, exp.From):
        found.append(_source(reader, origin.this, None))
        for join in origin.this.args.get("joins") or []:
            found.append(_source(reader, join.this, join.args.get("on")))
    for join in node.args.get("joins") or []:
        found.append(_source(reader, join.this, join.args.get("on")))
    return tuple(found)


def joined_tables(reader: Reader, node: exp.Expr) -> Query:
    """A table with its joins (MySQL `UPDATE a JOIN b ON …`, `DELETE … FROM a JOIN b …`,
    `USING a JOIN b`) as a query whose sources are the tables and join conditions."""
    found = [_source(reader, node, None)]
    for join in node.args.get("joins") or []:
        found.append(_source(reader, join.this, join.args.get("on")))
    return Query(text=reader.node_text(node), sources=tuple(found), span=reader.node_span(node))


def _source(reader: Reader, node: exp.Expr, on: exp.Expr | None) -> TableSource:
    condition = clause_expr(reader, on)
    alias = node.alias if isinstance(node, exp.Table | exp.Subquery) else ""
    span = reader.node_span(node)
    if isinstance(node, exp.Table) and isinstance(node.this, exp.Identifier):
        table = object_name(reader, node)  # its span: the name, not the joins sqlglot nests
        return TableSource(table=table, alias=alias, join_condition=condition, span=table.span)
    if isinstance(node, exp.Subquery):
        return TableSource(
            table=None,
            alias=alias,
            subquery=query(reader, node),
            join_condition=condition,
            span=span,
        )
    return TableSource(table=None, alias=alias, join_condition=condition, span=span)


def order_by(reader: Reader, order: exp.Expr | None) -> tuple[Expr, ...]:
    if not isinstance(order, exp.Order):
        return ()
    return tuple(
        expr(reader, item.this if isinstance(item, exp.Ordered) else item)
        for item in order.expressions
    )


def table_of(reader: Reader, node: exp.Expr | None) -> ObjectName:
    while isinstance(node, exp.Schema | exp.Alias):
        node = node.this
    return object_name(reader, node)


def _ctes(reader: Reader, node: exp.Expr) -> tuple[Query, ...]:
    with_ = node.args.get("with_")
    if not isinstance(with_, exp.With):
        return ()
    return tuple(
        replace(query(reader, cte.this), name=name(reader, cte.args.get("alias"), table=True))
        for cte in with_.expressions
    )


def _operands(node: exp.SetOperation) -> list[exp.Expr]:
    found: list[exp.Expr] = []
    for side in (node.left, node.right):
        if isinstance(side, exp.SetOperation) and not side.args.get("with_"):
            found.extend(_operands(side))
        else:
            found.append(side)
    return found
