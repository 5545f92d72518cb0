from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field
from sqlglot import exp

from dbops.rules.base import NoOptions, Rule, RuleContext, Violation


class InsertRowLimitOptions(NoOptions):
    max_rows: int = Field(default=1000, alias="number", description="most rows one INSERT may list")


class StatementInsertRowLimit(Rule):
    """
    ## What it does
    Reports `INSERT … VALUES` listing more rows than the limit.

    ## Why is this bad?
    Large data loads belong in a data pipeline or a batched backfill, not in a schema
    migration that runs in one transaction on every environment.

    ## Example
    ```sql
    INSERT INTO t (a) VALUES (1), (2), (3);
    ```

    ## Use instead
    ```sql
    INSERT INTO t (a) VALUES (1), (2);
    ```

    ## Options
    - `max_rows` (Bytebase: `number`): most rows one INSERT may list (default 1000).
    """

    name = "statement-insert-row-limit"
    bytebase_type = "statement.insert.row-limit"
    default_level = None
    category = "statement"
    Options = InsertRowLimitOptions
    bad_example = "INSERT INTO t (a) VALUES " + ", ".join(f"({n})" for n in range(1001)) + ";"
    good_example = "INSERT INTO t (a) VALUES (1), (2);"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        assert isinstance(self.options, InsertRowLimitOptions)
        tree = context.statement.tree
        values = tree.expression if isinstance(tree, exp.Insert) else None
        if isinstance(values, exp.Values) and len(values.expressions) > self.options.max_rows:
            yield Violation(
                f"INSERT lists {len(values.expressions)} rows; the limit is {self.options.max_rows}"
            )
