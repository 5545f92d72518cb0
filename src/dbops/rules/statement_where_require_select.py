from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.rules.base import Rule, RuleContext, Violation


class StatementWhereRequireSelect(Rule):
    """
    ## What it does
    Reports `SELECT … FROM` without a `WHERE` clause, also in subqueries.

    ## Why is this bad?
    A query without a filter reads the whole table; in a migration that is usually a mistake
    and on a large table a long, heavy scan.

    ## Example
    ```sql
    SELECT id FROM orders;
    ```

    ## Use instead
    ```sql
    SELECT id FROM orders WHERE created_at > now() - interval '1 day';
    ```
    """

    name = "statement-where-require-select"
    bytebase_type = "statement.where.require.select"
    default_level = None
    category = "statement"
    bad_example = "SELECT id FROM orders;"
    good_example = "SELECT id FROM orders WHERE created_at > now() - interval '1 day';"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        tree = context.statement.tree
        if tree is None:
            return
        for select in tree.find_all(exp.Select):
            if select.args.get("from_") is not None and select.args.get("where") is None:
                yield Violation("SELECT without WHERE reads the whole table")
                return
