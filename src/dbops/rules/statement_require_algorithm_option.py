from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AlterTable
from dbops.rules.base import Rule, StatementContext, Violation


class StatementRequireAlgorithmOption(Rule):
    """
    ## What it does
    Reports MySQL `ALTER TABLE` statements without an `ALGORITHM=` clause.

    ## Why is this bad?
    Without it, MySQL picks the algorithm itself and silently falls back to copying the whole
    table when an in-place change is impossible. With `ALGORITHM=INPLACE` or `INSTANT`, the
    statement fails fast instead of blocking writes for the length of a copy.

    ## Example
    ```sql
    ALTER TABLE users ADD COLUMN nickname varchar(50);
    ```

    ## Use instead
    ```sql
    ALTER TABLE users ADD COLUMN nickname varchar(50), ALGORITHM=INSTANT;
    ```
    """

    name = "statement-require-algorithm-option"
    bytebase_type = "statement.require-algorithm-option"
    default_level = None
    dialects = frozenset({"mysql"})
    category = "statement"
    example_history = "CREATE TABLE users (id bigint PRIMARY KEY);"
    bad_example = "ALTER TABLE users ADD COLUMN nickname varchar(50);"
    good_example = "ALTER TABLE users ADD COLUMN nickname varchar(50), ALGORITHM=INSTANT;"
    reads_model = True
    statement_kinds = (AlterTable,)

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, AlterTable)
        if not statement.algorithm:
            yield Violation("ALTER TABLE without ALGORITHM=; MySQL may copy the table silently")
