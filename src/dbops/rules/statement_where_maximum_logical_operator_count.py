from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from dbops.core.statements import Delete, Expr, ExprKind, Insert, Merge, Select, Update
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.pointing import violation_at
from dbops.rules.facts.queries import filters
from dbops.rules.options import NumberOptions


class LogicalOperatorOptions(NumberOptions):
    number: int = Field(default=10, description="most values in IN, or conditions joined by OR")


class StatementWhereMaximumLogicalOperatorCount(Rule):
    """
    ## What it does
    Reports `WHERE` clauses with an `IN (…)` list longer than the limit, or more conditions
    joined by `OR` than the limit.

    ## Why is this bad?
    Long `IN` lists and `OR` chains are usually generated from application data pasted into a
    migration: the optimizer may give up on indexes for them, and the list is better loaded into
    a table and joined.

    ## Example
    ```sql
    DELETE FROM users WHERE id IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
    ```

    ## Use instead
    ```sql
    DELETE FROM users WHERE id IN (SELECT user_id FROM users_to_delete);
    ```

    ## Options
    - `number`: most values in one `IN` list, and most conditions joined by `OR` (default 10).
    """

    name = "statement-where-maximum-logical-operator-count"
    bytebase_type = "statement.where.maximum-logical-operator-count"
    default_level = None
    category = "statement"
    Options = LogicalOperatorOptions
    bad_example = "DELETE FROM users WHERE id IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);"
    good_example = "DELETE FROM users WHERE id IN (SELECT user_id FROM users_to_delete);"
    reads_model = True
    statement_kinds = (Select, Insert, Update, Delete, Merge)

    def check(self, context: StatementContext) -> Iterator[Violation]:
        assert isinstance(self.options, LogicalOperatorOptions)
        limit = self.options.number
        for found in filters(context.statement):
            yield from _overlong(found.condition, limit, inside_or=False)


def _overlong(expr: Expr, limit: int, inside_or: bool) -> Iterator[Violation]:
    if _is(expr, "in", "not in"):
        values = _in_values(expr)
        if len(values) > limit:
            yield violation_at(f"IN list of {len(values)} values (at most {limit})", expr.span)
    if _is(expr, "or") and not inside_or:
        count = len(_or_chain(expr))
        if count > limit:
            yield violation_at(f"{count} conditions joined by OR (at most {limit})", expr.span)
    for argument in expr.arguments:
        yield from _overlong(argument, limit, inside_or=_is(expr, "or") and _is(argument, "or"))


def _is(expr: Expr, *operators: str) -> bool:
    return expr.kind is ExprKind.OPERATOR and expr.name.lower() in operators


def _in_values(expr: Expr) -> tuple[Expr, ...]:
    """The values of `x IN (a, b, c)`: after the tested expression, or in one list."""
    values = expr.arguments[1:]
    if len(values) == 1 and values[0].kind in (ExprKind.ROW, ExprKind.ARRAY):
        return values[0].arguments
    if len(values) == 1 and values[0].kind is ExprKind.SUBQUERY:
        return ()
    return values


def _or_chain(expr: Expr) -> list[Expr]:
    if not _is(expr, "or"):
        return [expr]
    return [part for argument in expr.arguments for part in _or_chain(argument)]
