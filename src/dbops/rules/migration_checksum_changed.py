from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.rules.base import Rule, RuleScope, StatementContext, Violation


class MigrationChecksumChanged(Rule):
    """
    ## What it does
    Reports a migration that is already on the base branch and whose content the pull request
    changes (its sha256 differs from the base branch's copy; `dbops check --base REF`).

    ## Why is this bad?
    A merged migration has been, or is being, applied somewhere. Editing it changes nothing on
    those databases, so they silently differ from new ones, and the rollout stops on a checksum
    mismatch. This is a cross-file check: it compares the pull request with the base branch, not
    one statement, and needs `--base`.

    ## Example
    The base branch has `202505141650_create_users.sql` with `CREATE TABLE users (id bigint
    PRIMARY KEY);` and the pull request edits that file:
    ```sql
    CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
    ```

    ## Use instead
    Leave the merged file as it is and add a new migration for the change:
    ```sql
    -- migrations/202505141710_add_users_email.sql
    ALTER TABLE users ADD COLUMN email text NOT NULL DEFAULT '';
    ```
    """

    name = "migration-checksum-changed"
    default_level = Level.ERROR
    category = "cross-file"
    scope = RuleScope.MIGRATION_SET
    bad_example = "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);"
    good_example = "ALTER TABLE users ADD COLUMN email text NOT NULL DEFAULT '';"
    example_history = "CREATE TABLE users (id bigint PRIMARY KEY);"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        # Decided by core/crossfile.py, which alone sees the base branch.
        return iter(())
