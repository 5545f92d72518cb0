"""PostgreSQL expressions from pglast nodes to the model's `Expr`, with their text as written.

pglast gives most expression nodes a location but no end, and constants none at all, so each
node is built with a cursor (where it can start at the earliest) and its extent is found in
the token stream: a constant is the next constant token, a function call ends with its
parenthesis, a cast with its type. Texts are slices of the source, never a deparse.
"""

from __future__ import annotations

from typing import Any

from dbops.core.statements import Expr, ExprKind
from dbops.parsing.pg_expr_ops import OperatorExpressions
from dbops.parsing.pg_types import type_end, type_name


class Expressions(OperatorExpressions):
    """Builds `Expr` trees over one statement's source."""

    def _A_Const(self, node: Any, cursor: int) -> tuple[Any, ...]:
        start, end = self._constant(node.location if node.location is not None else cursor)
        kind = ExprKind.NULL if node.isnull else ExprKind.LITERAL
        return kind, "", "", (), None, start, end

    def _ColumnRef(self, node: Any, cursor: int) -> tuple[Any, ...]:
        fields = node.fields
        start = node.location if node.location is not None else cursor
        end = self._qualified_end(start)
        names = [field.sval if field.sval is not None else "*" for field in fields]
        if type(fields[-1]).__name__ == "A_Star":
            return ExprKind.STAR, "*", ".".join(names[:-1]), (), None, start, end
        return ExprKind.COLUMN, names[-1], ".".join(names[:-1]), (), None, start, end

    def _ParamRef(self, node: Any, cursor: int) -> tuple[Any, ...]:
        start = node.location if node.location is not None else cursor
        return ExprKind.PARAMETER, f"${node.number}", "", (), None, start, self._token_end(start)

    def _FuncCall(self, node: Any, cursor: int) -> tuple[Any, ...]:
        name = node.funcname[-1].sval
        start = node.location if node.location is not None else cursor
        source = self.source
        after_name = source.index_at(source.qualified_end(start))
        if after_name >= len(source.tokens) or source.tokens[after_name].text != "(":
            # SQL syntax without a parenthesis after a name: `ts AT TIME ZONE 'utc'` is
            # timezone('utc', ts); its operands are not in call order
            extents = [self.extent(argument, cursor) for argument in node.args or ()]
            first = min([start, *(begin for _, begin, _ in extents)])
            last = max([self._token_end(start), *(finish for _, _, finish in extents)])
            operands = tuple(expr for expr, _, _ in extents)
            return ExprKind.FUNCTION, name, "", operands, None, first, last
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
        name = "greatest" if node.op == "IS_GREATEST" else "least"
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
