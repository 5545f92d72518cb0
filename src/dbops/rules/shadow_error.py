from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.rules.base import Rule, RuleScope, StatementContext, Violation


class ShadowError(Rule):
    """
    ## What it does
    Reports a statement that failed when `dbops check --shadow URL` (or `review.shadow` in
    dbops.yaml) applied it to a throwaway database: the migrations already applied are
    replayed first, then the reviewed ones run as the rollout would run them (each file in one
    transaction unless `-- dbops:no-transaction`). The finding is at the statement's file:line
    and quotes the database's own message. The shadow stops at the first failing migration, as
    a rollout would. Only a shadow run decides this rule.

    ## Why is this bad?
    Some mistakes only the database sees: a column misspelt in `CREATE INDEX`, an `INSERT` into
    a table no migration creates, a value of the wrong type. Without a shadow they pass review
    and fail at rollout, where a no-transaction file is left half-applied.

    ## Example
    ```sql
    CREATE INDEX users_email_idx ON users (emial);
    ```

    ## Use instead
    ```sql
    CREATE INDEX users_email_idx ON users (email);
    ```
    """

    name = "shadow-error"
    default_level = Level.ERROR
    category = "shadow"
    scope = RuleScope.MIGRATION_SET
    example_history = "CREATE TABLE users (id bigint PRIMARY KEY, email text);"
    bad_example = "CREATE INDEX users_email_idx ON users (emial);"
    good_example = "CREATE INDEX users_email_idx ON users (email);"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        # Decided by the shadow run (core/shadow_review.py), which alone sees the database.
        return iter(())
