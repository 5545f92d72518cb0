from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.rules.base import Rule, RuleContext, Violation


class PreferRobustStmts(Rule):
    """
    ## What it does
    Reports `CREATE TABLE`/`CREATE INDEX` without `IF NOT EXISTS` and `DROP …` without
    `IF EXISTS` in a migration that runs outside a transaction (`-- dbops:no-transaction`).

    ## Why is this bad?
    Outside a transaction, a migration that fails halfway leaves its first statements applied.
    Re-running it then fails on the objects that already exist (or are already gone) unless each
    statement can run twice.

    ## Example
    ```sql
    -- dbops:no-transaction
    CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
    ```

    ## Use instead
    ```sql
    -- dbops:no-transaction
    CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);
    ```
    """

    name = "prefer-robust-stmts"
    default_level = Level.WARNING
    category = "lock-safety"
    needs_tree = False
    example_history = "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);"
    bad_example = (
        "-- dbops:no-transaction\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);"
    )
    good_example = (
        "-- dbops:no-transaction\n"
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);"
    )

    def check(self, context: RuleContext) -> Iterator[Violation]:
        if context.in_transaction:
            return
        words = context.statement.keywords[:6]
        creates = words[:1] == ("CREATE",) and ("TABLE" in words[:3] or "INDEX" in words[:3])
        drops = words[:1] == ("DROP",)
        if creates and "EXISTS" not in words:
            yield Violation("add IF NOT EXISTS so that a re-run after a partial failure succeeds")
        elif drops and "EXISTS" not in words:
            yield Violation("add IF EXISTS so that a re-run after a partial failure succeeds")
