from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.rules.base import Rule, RuleScope, StatementContext, Violation


class LockModelMismatch(Rule):
    """
    ## What it does
    Reports a statement where the shadow run (`dbops check --shadow URL`) saw the server do
    something other than what dbops' lock model predicts. On PostgreSQL the shadow reads, after
    each statement and inside its still-open transaction, the table locks actually held
    (`pg_locks`) and which tables got new storage (`relfilenode`); the finding names both the
    server's locks and rewrites and the model's. On MySQL/MariaDB the statement is run with the
    model's `ALGORITHM=` appended; a server that refuses it is a disagreement. Only a shadow
    run decides this rule.

    ## Why is this bad?
    The lock-safety findings, `dbops explain` and the pull request comment all rest on the lock
    model. Where it is wrong, a migration thought safe may block reads and writes in
    production, or a safe one be flagged. Please report it: it is a bug in dbops.

    ## Example
    A statement on which the model and PostgreSQL disagree, for example one the model does not
    know to take ACCESS EXCLUSIVE:
    ```sql
    ALTER TABLE orders ALTER COLUMN note TYPE varchar(50);
    ```

    ## Use instead
    Nothing to change in the migration: judge its locks by what the server did (the finding
    says it), and report the disagreement.
    ```sql
    ALTER TABLE orders ALTER COLUMN note TYPE varchar(50);
    ```
    """

    name = "lock-model-mismatch"
    default_level = Level.WARNING
    category = "shadow"
    scope = RuleScope.MIGRATION_SET
    example_history = "CREATE TABLE orders (id bigint PRIMARY KEY, note varchar(100));"
    bad_example = "ALTER TABLE orders ALTER COLUMN note TYPE varchar(50);"
    good_example = "ALTER TABLE orders ALTER COLUMN note TYPE varchar(50);"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        # Decided by the shadow run (core/shadow_review.py), which alone sees the database.
        return iter(())
