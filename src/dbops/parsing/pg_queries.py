"""PostgreSQL queries (SELECT, set operations, VALUES) from pglast nodes to the model's Query."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from dbops.core.statements import Expr, ObjectName, Query, TableSource
from dbops.parsing.pg_exprs import Expressions
from dbops.parsing.pg_source import Source

_SET_OPERATIONS = ("UNION", "INTERSECT", "EXCEPT")
# What a WITH query may be: a SELECT, or a data change read as the rows it picks and returns.
_WITH_QUERIES = ("SelectStmt", "UpdateStmt", "DeleteStmt", "MergeStmt")


def strings(nodes: Any) -> list[str]:
    """The values of a list of pglast String nodes."""
    return [node.sval for node in nodes or ()]


def returning_targets(node: Any) -> tuple[Any, ...]:
    """The RETURNING list's targets (PostgreSQL 18's grammar holds them in a clause)."""
    clause = node.returningClause
    return tuple(node.returningList or (clause.exprs if clause is not None else ()) or ())


class Queries:
    def __init__(self, source: Source, exprs: Expressions) -> None:
        self.source = source
        self.exprs = exprs
        exprs.query_builder = self

    def relation(self, node: Any) -> ObjectName:
        parts = [p for p in (node.catalogname, node.schemaname, node.relname) if p]
        return self.source.object_at(node.location, parts)

    def query(self, node: Any, start: int, end: int) -> Query:
        """The query `node`, written between `start` and `end`."""
        source = self.source
        text = source.slice(start, end)
        leading = len(text) - len(text.lstrip())
        start += leading
        end = start + len(text.strip())
        text = source.slice(start, end)
        span = source.span(start, end)
        ctes = self.with_queries(node.withClause)
        recursive = bool(node.withClause is not None and node.withClause.recursive)
        if node.op is not None and node.op != "SETOP_NONE":
            operands = self._operands(node, start, end)
            return Query(
                text=text, ctes=ctes, set_operands=operands, span=span, recursive=recursive
            )
        if node.valuesLists:
            return Query(text=text, values_rows=len(node.valuesLists), ctes=ctes, span=span)
        selected: list[Expr] = []
        for target in node.targetList or ():
            cursor = target.location if target.location is not None else start
            selected.append(self.exprs.build(target.val, cursor))
        star = any(expr.kind.value == "star" for expr in selected)
        sources: list[TableSource] = []
        from_at = source.top_keyword(start, end, ("FROM",))
        cursor = from_at if from_at >= 0 else start
        for item in node.fromClause or ():
            cursor = self.from_item(item, cursor, end, sources)
        return Query(
            text=text,
            sources=tuple(sources),
            select_star=star,
            selected=tuple(selected),
            where=self._clause(node.whereClause, start, end, "WHERE"),
            having=self._clause(node.havingClause, start, end, "HAVING"),
            order_by=self._order_by(node.sortClause, start, end),
            limit=self._clause(node.limitCount, start, end, "LIMIT", "FETCH"),
            ctes=ctes,
            span=span,
            recursive=recursive,
        )

    def nested(self, node: Any, cursor: int, limit: int) -> tuple[Query, int]:
        """A query without a known extent (a subquery in FROM), found from its first
        located element inside its parentheses; and the offset after its ")"."""
        anchor = self._anchor(node)
        if anchor is not None:
            group = self.source.enclosing_group(anchor)
            if group is not None:
                return self.query(node, group[0], group[1]), group[1] + 1
        return self.query(node, cursor, limit), limit

    def statement_query(self, node: Any, start: int, end: int) -> Query:
        """A query that is the rest of a statement from `start` (`AS SELECT …`)."""
        anchor = self._anchor(node)
        if anchor is not None:
            begin = self._query_keyword_before(anchor, start)
            if begin is not None:
                start = begin
                group = self.source.enclosing_group(begin)
                if group is not None:  # `AS (SELECT …)`: the query is inside the parentheses
                    end = min(end, group[1])
        return self.query(node, start, end)

    def _query_keyword_before(self, anchor: int, floor: int) -> int | None:
        """The SELECT/VALUES/WITH keyword that starts the query whose first element is at
        `anchor`."""
        tokens = self.source.tokens
        for index in range(self.source.index_at(anchor), -1, -1):
            token = tokens[index]
            if token.start < floor:
                break
            if token.upper in ("SELECT", "VALUES", "WITH"):
                return token.start
        return None

    def _anchor(self, node: Any) -> int | None:
        if node is None:
            return None
        if node.withClause is not None and node.withClause.location is not None:
            return int(node.withClause.location)
        if node.op is not None and node.op != "SETOP_NONE":
            return self._anchor(node.larg)
        for target in node.targetList or ():
            if target.location is not None:
                return int(target.location)
        return None

    def with_queries(self, clause: Any) -> tuple[Query, ...]:
        if clause is None:
            return ()
        result: list[Query] = []
        for cte in clause.ctes or ():
            location = cte.location if cte.location is not None else 0
            after_as = self.source.keyword_after(location, ("AS",))
            tokens = self.source.tokens
            index = self.source.index_at(max(after_as, location))
            while index < len(tokens) and tokens[index].text != "(":
                index += 1
            kind = type(cte.ctequery).__name__
            if index >= len(tokens) or kind not in _WITH_QUERIES:
                continue
            close = self.source.group_end(index)
            inner, end = tokens[index].end, tokens[close].start
            query = (
                self.query(cte.ctequery, inner, end)
                if kind == "SelectStmt"
                else self._data_change(cte.ctequery, inner, end)
            )
            result.append(replace(query, name=self.source.name_at(location, cte.ctename)))
        return tuple(result)

    def _data_change(self, node: Any, start: int, end: int) -> Query:
        """`WITH changed AS (UPDATE t … WHERE … RETURNING …)`: as the query it is to the
        statement around it, the rows of its table its WHERE picks, returned."""
        source = self.source
        relation = node.relation
        alias = relation.alias.aliasname if relation.alias is not None else ""
        table = self.relation(relation)
        found = [TableSource(table, alias or "", span=table.span)]
        where = self._clause(node.whereClause, start, end, "WHERE")
        if node.sourceRelation is not None:  # MERGE: the rows its ON condition pairs up
            using_at = source.top_keyword(start, end, ("USING",))
            after = self.from_item(node.sourceRelation, max(using_at, start), end, found)
            on_at = source.keyword_after(after, ("ON",), end)
            where, _, _ = self.exprs.extent(node.joinCondition, source.token_end(max(on_at, after)))
        selected = []
        for target in returning_targets(node):
            cursor = target.location if target.location is not None else start
            selected.append(self.exprs.build(target.val, cursor))
        return Query(
            text=source.slice(start, end).strip(),
            sources=tuple(found),
            selected=tuple(selected),
            where=where,
            span=source.span(start, end),
        )

    def _operands(self, node: Any, start: int, end: int) -> tuple[Query, ...]:
        source = self.source
        split = -1
        position = start
        while True:
            found = source.top_keyword(position, end, _SET_OPERATIONS)
            if found < 0:
                break
            split = found
            position = source.token_end(found)
        if split < 0:
            return ()
        right_start = source.token_end(split)
        tokens = source.tokens
        index = source.index_at(right_start)
        if index < len(tokens) and tokens[index].upper in ("ALL", "DISTINCT"):
            right_start = tokens[index].end
        left = self._operand(node.larg, start, split)
        right = self._operand(node.rarg, right_start, end)
        left_parts = left.set_operands if left.set_operands and not left.ctes else (left,)
        return (*left_parts, right)

    def _operand(self, node: Any, start: int, end: int) -> Query:
        text = self.source.slice(start, end).strip()
        if text.startswith("(") and text.endswith(")"):
            offset = start + self.source.slice(start, end).index("(")
            group = self.source.enclosing_group(self.source.token_end(offset))
            if group is not None:
                return self.query(node, group[0], group[1])
        return self.query(node, start, end)

    def from_item(self, item: Any, cursor: int, limit: int, out: list[TableSource]) -> int:
        kind = type(item).__name__
        source = self.source
        if kind == "RangeVar":
            table = self.relation(item)
            alias = item.alias.aliasname if item.alias is not None else ""
            location = item.location if item.location is not None else cursor
            end = source.qualified_end(location)
            if alias:
                end = source.find_name(alias, end, limit)[1]
            out.append(TableSource(table, alias, span=source.span(location, end)))
            return end
        if kind == "JoinExpr":
            cursor = self.from_item(item.larg, cursor, limit, out)
            cursor = self.from_item(item.rarg, cursor, limit, out)
            if item.quals is not None:
                on_at = source.keyword_after(cursor, ("ON",), limit)
                condition, _, end = self.exprs.extent(
                    item.quals, source.token_end(on_at) if on_at >= 0 else cursor
                )
                joined = out[-1]
                out[-1] = TableSource(
                    joined.table, joined.alias, joined.subquery, condition, joined.span
                )
                return end
            return cursor
        if kind == "RangeSubselect":
            subquery, after = self.nested(item.subquery, cursor, limit)
            alias = item.alias.aliasname if item.alias is not None else ""
            out.append(TableSource(None, alias, subquery=subquery, span=subquery.span))
            return after
        alias = (item.alias.aliasname if item.alias is not None else "") or ""
        out.append(TableSource(None, alias))
        return cursor

    def _clause(self, node: Any, start: int, end: int, *words: str) -> Expr | None:
        if node is None:
            return None
        at = self.source.top_keyword(start, end, words)
        return self.exprs.build(node, self.source.token_end(at) if at >= 0 else start)

    def _order_by(self, items: Any, start: int, end: int) -> tuple[Expr, ...]:
        if not items:
            return ()
        at = self.source.top_keyword(start, end, ("ORDER",))
        cursor = self.source.token_end(at) if at >= 0 else start
        result: list[Expr] = []
        for item in items:
            expr, _, cursor = self.exprs.extent(item.node, cursor)
            result.append(expr)
        return tuple(result)
