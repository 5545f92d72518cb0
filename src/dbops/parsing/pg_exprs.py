"""PostgreSQL expressions from pglast nodes to the model's `Expr`, with their text as written.

pglast gives most expression nodes a location but no end, and constants none at all, so each
node is built with a cursor (where it can start at the earliest) and its extent is found in
the token stream: a constant is the next constant token, a function call ends with its
parenthesis, a cast with its type. Texts are slices of the source, never a deparse.
"""

from __future__ import annotations

from typing import Any

from dbops.core.statements import Expr, ExprKind
from dbops.parsing.pg_source import Source
from dbops.parsing.pg_types import type_end, type_name

_CONSTANTS = frozenset(
    ["SCONST", "USCONST", "ICONST", "FCONST", "BCONST", "XCONST", "TRUE_P", "FALSE_P", "NULL_P"]
)
# Words between an operand and the next one that a constant search passes over.
_CONNECTIVES = frozenset(
    [
        *("(", ",", "ANY", "ALL", "SOME", "LIKE", "ILIKE", "SIMILAR", "TO", "ESCAPE", "NOT"),
        *("BETWEEN", "SYMMETRIC", "ASYMMETRIC", "AND", "OR", "IN", "IS", "DISTINCT", "FROM"),
        *("WHEN", "THEN", "ELSE", "ARRAY", "[", "=", "DEFAULT", "USING", "AS", "CASE", "ROW"),
        *("SET", "WHERE", "ON", "HAVING", "LIMIT", "BY", "VALUES", "CHECK"),
    ]
)
_LIKE_NAMES = {
    "~~": "like",
    "!~~": "not like",
    "~~*": "ilike",
    "!~~*": "not ilike",
    "~": "similar to",
    "!~": "not similar to",
}
Extent = tuple[Expr, int, int]


class Expressions:
    """Builds `Expr` trees over one statement's source."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.query_builder: Any = None  # set by pg_queries: subqueries are built there

    def build(self, node: Any, cursor: int) -> Expr:
        return self.extent(node, cursor)[0]

    def extent(self, node: Any, cursor: int) -> Extent:
        """The expression `node`, written at or after `cursor`, with its start and end."""
        kind, name, qualifier, arguments, query, start, end = self._parts(node, cursor)
        start, end = self._settle(start, end)
        source = self.source
        expr = Expr(
            kind=kind,
            text=source.slice(start, end),
            name=name,
            qualifier=qualifier,
            arguments=arguments,
            query=query,
            span=source.span(start, end),
        )
        return expr, start, end

    # -- token helpers ---------------------------------------------------------------------

    def _token_end(self, offset: int) -> int:
        tokens = self.source.tokens
        index = self.source.index_at(offset)
        return tokens[index].end if index < len(tokens) else offset

    def _after(self, offset: int, word: str, limit: int | None = None) -> int:
        """The offset after the first token `word` (upper case) at or after `offset`."""
        found = self.source.keyword_after(offset, (word,), limit)
        return self._token_end(found) if found >= 0 else offset

    def _group_after(self, offset: int) -> tuple[int, int]:
        """(offset after "(" , offset after ")") of the first parenthesis from `offset`."""
        tokens = self.source.tokens
        for index in range(self.source.index_at(offset), len(tokens)):
            if tokens[index].text == "(":
                close = self.source.group_end(index)
                return tokens[index].end, tokens[close].end
        return offset, self._token_end(offset)

    def _constant(self, cursor: int) -> tuple[int, int]:
        tokens = self.source.tokens
        index = self.source.index_at(cursor)
        while index < len(tokens) and tokens[index].upper in _CONNECTIVES:
            if tokens[index].name in _CONSTANTS:
                break
            index += 1
        if index >= len(tokens):
            return cursor, cursor
        token = tokens[index]
        if token.text in ("-", "+") and index + 1 < len(tokens):
            return token.start, tokens[index + 1].end
        end = token.end
        # adjacent string constants continue one another ('a' 'b' across lines)
        while (
            token.name == "SCONST"
            and index + 1 < len(tokens)
            and tokens[index + 1].name == "SCONST"
        ):
            index += 1
            end = tokens[index].end
        return token.start, end

    def _qualified_end(self, offset: int) -> int:
        """The end of a dotted name (`a`, `t.a`, `s.t.*`) starting at `offset`."""
        tokens = self.source.tokens
        index = self.source.index_at(offset)
        if index >= len(tokens):
            return offset
        end = tokens[index].end
        while index + 2 < len(tokens) and tokens[index + 1].text == ".":
            index += 2
            end = tokens[index].end
        return end

    def _settle(self, start: int, end: int) -> tuple[int, int]:
        """Widen [start, end) to balanced parentheses/brackets."""
        source = self.source
        tokens = source.tokens
        first = source.index_at(start)
        depth = lowest = 0
        last = first
        for index in range(first, len(tokens)):
            token = tokens[index]
            if token.start >= end:
                break
            last = index
            if token.text in ("(", "["):
                depth += 1
            elif token.text in (")", "]"):
                depth -= 1
                lowest = min(lowest, depth)
        index = first
        while lowest < 0 and index > 0:
            index -= 1
            if tokens[index].text in ("(", "["):
                lowest += 1
                depth += 1
                start = tokens[index].start
            elif tokens[index].text in (")", "]"):
                lowest -= 1
                depth -= 1
        index = last
        while depth > 0 and index + 1 < len(tokens):
            index += 1
            if tokens[index].text in ("(", "["):
                depth += 1
            elif tokens[index].text in (")", "]"):
                depth -= 1
            end = tokens[index].end
        return start, end

    # -- node kinds ------------------------------------------------------------------------

    def _sequence(self, nodes: Any, cursor: int) -> tuple[tuple[Expr, ...], int, int]:
        """Operands written one after the other: their exprs, first start, last end."""
        exprs: list[Expr] = []
        first = last = cursor
        for index, node in enumerate(nodes or ()):
            expr, start, end = self.extent(node, cursor)
            if index == 0:
                first = start
            exprs.append(expr)
            cursor = last = end
        return tuple(exprs), first, last

    def _parts(
        self, node: Any, cursor: int
    ) -> tuple[ExprKind, str, str, tuple[Expr, ...], Any, int, int]:
        kind_name = type(node).__name__
        builder = getattr(self, f"_{kind_name}", None)
        if builder is not None:
            parts: tuple[ExprKind, str, str, tuple[Expr, ...], Any, int, int] = builder(
                node, cursor
            )
            return parts
        location = getattr(node, "location", None)
        start = location if location is not None else cursor
        end = max(start, self._token_end(start))
        tokens = self.source.tokens
        index = self.source.index_at(end)
        if index < len(tokens) and tokens[index].text == "(":
            end = tokens[self.source.group_end(index)].end
        return ExprKind.OTHER, kind_name.lower(), "", (), None, start, end

    def _A_Const(self, node: Any, cursor: int) -> tuple[Any, ...]:
        start, end = self._constant(cursor)
        kind = ExprKind.NULL if node.isnull else ExprKind.LITERAL
        return kind, "", "", (), None, start, end

    def _ColumnRef(self, node: Any, cursor: int) -> tuple[Any, ...]:
        fields = node.fields
        start = node.location if node.location is not None else cursor
        end = self._qualified_end(start)
        names = [getattr(field, "sval", "*") for field in fields]
        if type(fields[-1]).__name__ == "A_Star":
            return ExprKind.STAR, "*", ".".join(names[:-1]), (), None, start, end
        return ExprKind.COLUMN, names[-1], ".".join(names[:-1]), (), None, start, end

    def _ParamRef(self, node: Any, cursor: int) -> tuple[Any, ...]:
        start = node.location if node.location is not None else cursor
        return ExprKind.PARAMETER, f"${node.number}", "", (), None, start, self._token_end(start)

    def _FuncCall(self, node: Any, cursor: int) -> tuple[Any, ...]:
        name = node.funcname[-1].sval
        start = node.location if node.location is not None else cursor
        inner, end = self._group_after(start)
        arguments, _, _ = self._sequence(node.args, inner)
        if node.agg_star:
            star_start = self.source.keyword_after(inner, ("*",))
            star = Expr(ExprKind.STAR, "*", "*", span=self.source.span(star_start, star_start + 1))
            arguments = (star, *arguments)
        tokens = self.source.tokens
        index = self.source.index_at(end)
        while index < len(tokens) and tokens[index].upper in ("FILTER", "OVER", "WITHIN"):
            if (
                tokens[index].upper == "OVER"
                and index + 1 < len(tokens)
                and (tokens[index + 1].text != "(")
            ):
                end = tokens[index + 1].end
                break
            _, end = self._group_after(tokens[index].end)
            index = self.source.index_at(end)
        return ExprKind.FUNCTION, name, "", arguments, None, start, end

    def _SQLValueFunction(self, node: Any, cursor: int) -> tuple[Any, ...]:
        start = node.location if node.location is not None else cursor
        end = self._token_end(start)
        name = self.source.slice(start, end).lower()
        tokens = self.source.tokens
        index = self.source.index_at(end)
        if index < len(tokens) and tokens[index].text == "(":
            end = tokens[self.source.group_end(index)].end
        return ExprKind.FUNCTION, name, "", (), None, start, end

    def _call_like(self, node: Any, cursor: int, name: str) -> tuple[Any, ...]:
        start = node.location if node.location is not None else cursor
        inner, end = self._group_after(start)
        arguments, _, _ = self._sequence(node.args, inner)
        return ExprKind.FUNCTION, name, "", arguments, None, start, end

    def _CoalesceExpr(self, node: Any, cursor: int) -> tuple[Any, ...]:
        return self._call_like(node, cursor, "coalesce")

    def _MinMaxExpr(self, node: Any, cursor: int) -> tuple[Any, ...]:
        name = "greatest" if node.op.name == "IS_GREATEST" else "least"
        return self._call_like(node, cursor, name)

    def _TypeCast(self, node: Any, cursor: int) -> tuple[Any, ...]:
        source = self.source
        written = type_name(node.typeName, source)[0].written
        location = node.location
        tokens = source.tokens
        index = source.index_at(location) if location is not None else len(tokens)
        if location is not None and index < len(tokens) and tokens[index].upper == "CAST":
            inner, end = self._group_after(location)
            argument, _, _ = self.extent(node.arg, inner)
            return ExprKind.CAST, written, "", (argument,), None, location, end
        if location is None and node.typeName.location is not None:
            # a typed constant: `date '2024-01-01'`, `interval '1 day'`
            type_start = node.typeName.location
            after_type = type_end(node.typeName, source) or type_start
            argument, _, end = self.extent(node.arg, after_type)
            return ExprKind.CAST, written, "", (argument,), None, type_start, end
        argument, start, arg_end = self.extent(node.arg, cursor)
        end = type_end(node.typeName, source) or arg_end
        return ExprKind.CAST, written, "", (argument,), None, start, max(end, arg_end)

    def _A_Expr(self, node: Any, cursor: int) -> tuple[Any, ...]:
        kind = node.kind.name
        operator = node.name[-1].sval if node.name else ""
        location = node.location if node.location is not None else cursor
        arguments: list[Expr] = []
        start = location
        if node.lexpr is not None:
            left, start, _ = self.extent(node.lexpr, cursor)
            arguments.append(left)
        after = self._token_end(location)
        if kind == "AEXPR_OP":
            name = operator.lower()
            right, _, end = self.extent(node.rexpr, after)
            arguments.append(right)
            return ExprKind.OPERATOR, name, "", tuple(arguments), None, start, end
        if kind in ("AEXPR_OP_ANY", "AEXPR_OP_ALL"):
            name = f"{operator} {'any' if kind == 'AEXPR_OP_ANY' else 'all'}"
            inner, end = self._group_after(after)
            right, _, _ = self.extent(node.rexpr, inner)
            arguments.append(right)
            return ExprKind.OPERATOR, name, "", tuple(arguments), None, start, end
        if kind in ("AEXPR_DISTINCT", "AEXPR_NOT_DISTINCT"):
            name = "is distinct from" if kind == "AEXPR_DISTINCT" else "is not distinct from"
            right, _, end = self.extent(node.rexpr, self._after(location, "FROM"))
            arguments.append(right)
            return ExprKind.OPERATOR, name, "", tuple(arguments), None, start, end
        if kind == "AEXPR_NULLIF":
            inner, end = self._group_after(location)
            items, _, _ = self._sequence((node.lexpr, node.rexpr), inner)
            return ExprKind.FUNCTION, "nullif", "", items, None, location, end
        if kind == "AEXPR_IN":
            name = "not in" if operator == "<>" else "in"
            inner, end = self._group_after(location)
            items, _, _ = self._sequence(node.rexpr, inner)
            return ExprKind.OPERATOR, name, "", (*arguments, *items), None, start, end
        if kind in ("AEXPR_LIKE", "AEXPR_ILIKE", "AEXPR_SIMILAR"):
            name = _LIKE_NAMES.get(operator, operator)
            right, _, end = self.extent(node.rexpr, after)
            arguments.append(right)
            return ExprKind.OPERATOR, name, "", tuple(arguments), None, start, end
        if kind.startswith("AEXPR_BETWEEN") or kind.startswith("AEXPR_NOT_BETWEEN"):
            name = operator.lower()
            items, _, end = self._sequence(node.rexpr, after)
            return ExprKind.OPERATOR, name, "", (*arguments, *items), None, start, end
        right_node = node.rexpr
        end = self._token_end(location)
        if right_node is not None and not isinstance(right_node, tuple):
            right, _, end = self.extent(right_node, after)
            arguments.append(right)
        return ExprKind.OPERATOR, operator.lower(), "", tuple(arguments), None, start, end

    def _BoolExpr(self, node: Any, cursor: int) -> tuple[Any, ...]:
        name = {"AND_EXPR": "and", "OR_EXPR": "or", "NOT_EXPR": "not"}[node.boolop.name]
        if name == "not":
            location = node.location if node.location is not None else cursor
            arguments, _, end = self._sequence(node.args, self._token_end(location))
            return ExprKind.OPERATOR, name, "", arguments, None, location, end
        arguments, start, end = self._sequence(node.args, cursor)
        return ExprKind.OPERATOR, name, "", arguments, None, start, end

    def _NullTest(self, node: Any, cursor: int) -> tuple[Any, ...]:
        argument, start, end = self.extent(node.arg, cursor)
        name = "is" if node.nulltesttype.name == "IS_NULL" else "is not"
        tokens = self.source.tokens
        index = self.source.index_at(end)
        while index < len(tokens) and tokens[index].upper in ("IS", "NOT", "NULL"):
            end = tokens[index].end
            index += 1
        if index < len(tokens) and tokens[index].upper in ("ISNULL", "NOTNULL"):
            end = tokens[index].end
        return ExprKind.OPERATOR, name, "", (argument,), None, start, end

    def _BooleanTest(self, node: Any, cursor: int) -> tuple[Any, ...]:
        argument, start, end = self.extent(node.arg, cursor)
        name = "is not" if "NOT" in node.booltesttype.name else "is"
        tokens = self.source.tokens
        index = self.source.index_at(end)
        while index < len(tokens) and tokens[index].upper in (
            "IS",
            "NOT",
            "TRUE",
            "FALSE",
            "UNKNOWN",
        ):
            end = tokens[index].end
            index += 1
        return ExprKind.OPERATOR, name, "", (argument,), None, start, end

    def _SubLink(self, node: Any, cursor: int) -> tuple[Any, ...]:
        link = node.subLinkType.name
        location = node.location if node.location is not None else cursor
        arguments: list[Expr] = []
        start = location
        if node.testexpr is not None:
            left, start, _ = self.extent(node.testexpr, cursor)
            arguments.append(left)
        inner, end = self._group_after(location)
        close = end - 1
        query = None
        if self.query_builder is not None:
            query = self.query_builder.query(node.subselect, inner, close)
        if link == "EXISTS_SUBLINK":
            return ExprKind.SUBQUERY, "exists", "", (), query, location, end
        if link in ("ANY_SUBLINK", "ALL_SUBLINK"):
            operator = node.operName[-1].sval if node.operName else ""
            name = "in" if not operator else f"{operator} {link[:3].lower()}"
            subquery = Expr(
                ExprKind.SUBQUERY,
                self.source.slice(inner, close),
                query=query,
                span=self.source.span(inner, close),
            )
            return ExprKind.OPERATOR, name, "", (*arguments, subquery), None, start, end
        return ExprKind.SUBQUERY, link.lower(), "", tuple(arguments), query, start, end

    def _A_ArrayExpr(self, node: Any, cursor: int) -> tuple[Any, ...]:
        location = node.location if node.location is not None else cursor
        tokens = self.source.tokens
        index = self.source.index_at(location)
        while index < len(tokens) and tokens[index].text != "[":
            index += 1
        close = self.source.group_end(index) if index < len(tokens) else len(tokens) - 1
        inner = tokens[index].end if index < len(tokens) else location
        elements, _, _ = self._sequence(node.elements, inner)
        return ExprKind.ARRAY, "array", "", elements, None, location, tokens[close].end

    def _RowExpr(self, node: Any, cursor: int) -> tuple[Any, ...]:
        location = node.location if node.location is not None else cursor
        inner, end = self._group_after(location)
        arguments, _, _ = self._sequence(node.args, inner)
        return ExprKind.ROW, "row", "", arguments, None, location, end

    def _CaseExpr(self, node: Any, cursor: int) -> tuple[Any, ...]:
        location = node.location if node.location is not None else cursor
        position = self._token_end(location)
        arguments: list[Expr] = []
        if node.arg is not None:
            expr, _, position = self.extent(node.arg, position)
            arguments.append(expr)
        for when in node.args or ():
            when_start = when.location if when.location is not None else position
            condition, _, position = self.extent(when.expr, self._token_end(when_start))
            result, _, position = self.extent(when.result, self._after(position, "THEN"))
            arguments.extend((condition, result))
        if node.defresult is not None:
            expr, _, position = self.extent(node.defresult, self._after(position, "ELSE"))
            arguments.append(expr)
        end = self._after(position, "END")
        return ExprKind.CASE, "case", "", tuple(arguments), None, location, end

    def _CollateClause(self, node: Any, cursor: int) -> tuple[Any, ...]:
        argument, start, end = self.extent(node.arg, cursor)
        location = node.location if node.location is not None else end
        tokens = self.source.tokens
        index = self.source.index_at(location) + 1  # the token after COLLATE
        if index < len(tokens):
            end = self._qualified_end(tokens[index].start)
        return ExprKind.OTHER, "collate", "", (argument,), None, start, end

    def _A_Indirection(self, node: Any, cursor: int) -> tuple[Any, ...]:
        argument, start, end = self.extent(node.arg, cursor)
        tokens = self.source.tokens
        index = self.source.index_at(end)
        while index < len(tokens) and tokens[index].text in ("[", "."):
            if tokens[index].text == "[":
                index = self.source.group_end(index)
            else:
                index += 1
            end = tokens[index].end
            index += 1
        return ExprKind.OTHER, "indirection", "", (argument,), None, start, end

    def _SetToDefault(self, node: Any, cursor: int) -> tuple[Any, ...]:
        start = node.location if node.location is not None else cursor
        return ExprKind.OTHER, "default", "", (), None, start, self._token_end(start)
