from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AlterTable
from dbops.rules.base import Rule, StatementContext, Violation


class StatementRequireLockOption(Rule):
    """
    ## What it does
    Reports MySQL `ALTER TABLE` statements without a `LOCK=` clause.

    ## Why is this bad?
    Without it, MySQL takes whatever lock the change needs, up to blocking all writes. With
    `LOCK=NONE` the statement fails at once if it cannot run while the application writes,
    instead of stalling production for the length of the change.

    ## Example
    ```sql
    ALTER TABLE users ADD INDEX idx_users_email (email);
    ```

    ## Use instead
    ```sql
    ALTER TABLE users ADD INDEX idx_users_email (email), LOCK=NONE;
    ```
    """

    name = "statement-require-lock-option"
    bytebase_type = "statement.require-lock-option"
    default_level = None
    dialects = frozenset({"mysql"})
    category = "statement"
    example_history = "CREATE TABLE users (id bigint PRIMARY KEY, email varchar(200));"
    bad_example = "ALTER TABLE users ADD INDEX idx_users_email (email);"
    good_example = "ALTER TABLE users ADD INDEX idx_users_email (email), LOCK=NONE;"
    reads_model = True
    statement_kinds = (AlterTable,)

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, AlterTable)
        if not statement.lock:
            yield Violation("ALTER TABLE without LOCK=; it may block writes for its duration")
