from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.rules.base import Rule, RuleContext, Violation


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

    def check(self, context: RuleContext) -> Iterator[Violation]:
        tree = context.statement.tree
        for where in tree.find_all(exp.Where) if tree is not None else []:
            for comparison in where.find_all(exp.EQ, exp.NEQ):
                if isinstance(comparison.this, exp.Null) or isinstance(
                    comparison.expression, exp.Null
                ):
                    yield Violation(
                        f"`{comparison.sql(context.dialect)}` is never true; use IS [NOT] NULL"
                    )
