from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from dbops.core.statements import Insert
from dbops.rules.base import NoOptions, Rule, StatementContext, Violation


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
    reads_model = True
    statement_kinds = (Insert,)

    def check(self, context: StatementContext) -> Iterator[Violation]:
        assert isinstance(self.options, InsertRowLimitOptions)
        statement = context.statement
        assert isinstance(statement, Insert)
        if statement.rows > self.options.max_rows:
            yield Violation(
                f"INSERT lists {statement.rows} rows; the limit is {self.options.max_rows}"
            )
