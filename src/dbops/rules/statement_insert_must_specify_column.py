from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.rules.base import Rule, RuleContext, Violation


class StatementInsertMustSpecifyColumn(Rule):
    """
    ## What it does
    Reports `INSERT INTO t VALUES …` / `INSERT INTO t SELECT …` without a column list.

    ## Why is this bad?
    The statement depends on the table's column order: it breaks, or silently writes values
    into the wrong columns, once a column is added, dropped or reordered.

    ## Example
    ```sql
    INSERT INTO users VALUES (1, 'ada');
    ```

    ## Use instead
    ```sql
    INSERT INTO users (id, name) VALUES (1, 'ada');
    ```
    """

    name = "statement-insert-must-specify-column"
    bytebase_type = "statement.insert.must-specify-column"
    default_level = None
    category = "statement"
    bad_example = "INSERT INTO users VALUES (1, 'ada');"
    good_example = "INSERT INTO users (id, name) VALUES (1, 'ada');"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        tree = context.statement.tree
        if isinstance(tree, exp.Insert) and not isinstance(tree.this, exp.Schema):
            yield Violation("INSERT without a column list depends on the table's column order")
