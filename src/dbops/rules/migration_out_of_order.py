from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.rules.base import Rule, RuleScope, StatementContext, Violation


class MigrationOutOfOrder(Rule):
    """
    ## What it does
    Reports a migration a pull request adds whose version is lower than the newest migration
    already on the base branch (`dbops check --base REF`).

    ## Why is this bad?
    Databases that already have the base branch applied are past that version: the new file
    would be applied after newer ones there, but before them on a fresh database, so the two
    end in different schemas (or the rollout refuses it as drift). It usually means the branch
    was cut before someone else's migration was merged. This is a cross-file check: it compares
    the pull request with the base branch, not one statement, and needs `--base`.

    ## Example
    The base branch already has `202505141700_create_orders.sql`; the pull request adds:
    ```sql
    -- migrations/202505141650_create_users.sql
    CREATE TABLE users (id bigint PRIMARY KEY);
    ```

    ## Use instead
    Give the new migration a version above the newest one on the base branch (`dbops new`
    does), then rebase:
    ```sql
    -- migrations/202505141710_create_users.sql
    CREATE TABLE users (id bigint PRIMARY KEY);
    ```
    """

    name = "migration-out-of-order"
    default_level = Level.ERROR
    category = "cross-file"
    scope = RuleScope.MIGRATION_SET
    bad_example = "CREATE TABLE users (id bigint PRIMARY KEY);"
    good_example = "CREATE TABLE users (id bigint PRIMARY KEY);"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        # Decided by core/crossfile.py, which alone sees the base branch.
        return iter(())
