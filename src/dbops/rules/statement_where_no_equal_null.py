from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import Delete, Expr, ExprKind, Insert, Merge, Select, Update
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.pointing import violation_at
from dbops.rules.facts.queries import filters

_COMPARISONS = frozenset({"=", "<>", "!="})


class StatementWhereNoEqualNull(Rule):
    """
    ## What it does
    Reports comparisons with `NULL` by `=`, `<>` or `!=` (`WHERE deleted_at = NULL`).

    ## Why is this bad?
    A comparison with `NULL` is never true: `WHERE x = NULL` matches no row and
    `WHERE x <> NULL` matches no row either. The statement silently does nothing.

    ## Example
    ```sql
    UPDATE users SET active = 0 WHERE deleted_at = NULL;
    ```

    ## Use instead
    ```sql
    UPDATE users SET active = 0 WHERE deleted_at IS NULL;
    ```
    """

    name = "statement-where-no-equal-null"
    bytebase_type = "statement.where.no-equal-null"
    category = "statement"
    bad_example = "UPDATE users SET active = 0 WHERE deleted_at = NULL;"
    good_example = "UPDATE users SET active = 0 WHERE deleted_at IS NULL;"
    reads_model = True
    statement_kinds = (Select, Insert, Update, Delete, Merge)

    def check(self, context: StatementContext) -> Iterator[Violation]:
        for condition in _wheres(context):
            for comparison in condition.walk():
                if comparison.kind is not ExprKind.OPERATOR or comparison.name not in _COMPARISONS:
                    continue
                if any(side.stripped().kind is ExprKind.NULL for side in comparison.arguments):
                    yield violation_at(
                        f"`{_written(comparison)}` is never true; use IS [NOT] NULL",
                        comparison.span,
                    )


def _wheres(context: StatementContext) -> Iterator[Expr]:
    return (found.condition for found in filters(context.statement))


def _whole(comparison: Expr) -> bool:
    """Whether the normalizer's text of the comparison holds both of its sides (sqlglot does
    not locate a NULL literal, so a comparison starting with one may begin after it)."""
    return all(side.text in comparison.text for side in comparison.arguments)


def _written(comparison: Expr) -> str:
    if _whole(comparison):
        return comparison.text
    return f" {comparison.name} ".join(side.text for side in comparison.arguments)
