"""PostgreSQL operator expressions (A_Expr, AND/OR/NOT, IS [NOT] NULL, subqueries, CASE)."""

from __future__ import annotations

from typing import Any

from dbops.core.statements import Expr, ExprKind
from dbops.parsing.pg_expr_base import ExpressionBase

_LIKE_NAMES = {
    "~~": "like",
    "!~~": "not like",
    "~~*": "ilike",
    "!~~*": "not ilike",
    "~": "similar to",
    "!~": "not similar to",
}


class OperatorExpressions(ExpressionBase):
    def _A_Expr(self, node: Any, cursor: int) -> tuple[Any, ...]:
        kind = node.kind
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
        name = {"AND_EXPR": "and", "OR_EXPR": "or", "NOT_EXPR": "not"}[node.boolop]
        if name == "not":
            location = node.location if node.location is not None else cursor
            arguments, _, end = self._sequence(node.args, self._token_end(location))
            return ExprKind.OPERATOR, name, "", arguments, None, location, end
        arguments, start, end = self._sequence(node.args, cursor)
        return ExprKind.OPERATOR, name, "", arguments, None, start, end

    def _NullTest(self, node: Any, cursor: int) -> tuple[Any, ...]:
        argument, start, end = self.extent(node.arg, cursor)
        name = "is" if node.nulltesttype == "IS_NULL" else "is not"
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
        name = "is not" if "NOT" in node.booltesttype else "is"
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
        link = node.subLinkType
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
