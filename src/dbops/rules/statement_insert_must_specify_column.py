from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import Insert
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.pointing import violation_at


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
    reads_model = True
    statement_kinds = (Insert,)

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, Insert)
        # DEFAULT VALUES and MySQL's `VALUES ()` give no value, so no column order matters.
        gives_values = (
            statement.query is not None
            or any(statement.values)
            or (statement.rows > 0 and not statement.values)
        )
        if not statement.columns and gives_values:
            yield violation_at(
                f"INSERT into {statement.table.written} without a column list depends on the "
                "table's column order",
                statement.table.span,
            )
