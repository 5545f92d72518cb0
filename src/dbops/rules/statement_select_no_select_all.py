from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.rules.base import Rule, RuleContext, Violation


class StatementSelectNoSelectAll(Rule):
    """
    ## What it does
    Reports `SELECT *`, also inside subqueries and `INSERT … SELECT`.

    ## Why is this bad?
    The statement's meaning changes when columns are added or removed, and it reads more data
    than it needs.

    ## Example
    ```sql
    INSERT INTO archive SELECT * FROM orders;
    ```

    ## Use instead
    ```sql
    INSERT INTO archive (id, total) SELECT id, total FROM orders;
    ```
    """

    name = "statement-select-no-select-all"
    bytebase_type = "statement.select.no-select-all"
    default_level = None
    category = "statement"
    bad_example = "INSERT INTO archive SELECT * FROM orders;"
    good_example = "INSERT INTO archive (id, total) SELECT id, total FROM orders;"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        tree = context.statement.tree
        if tree is None or isinstance(tree, exp.Create):
            return
        for select in tree.find_all(exp.Select):
            if any(isinstance(column, exp.Star) for column in select.expressions):
                yield Violation("SELECT * depends on the table's column list; name the columns")
                return
