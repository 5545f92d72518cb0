from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.schema import UNIQUE
from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.shapes import alter_table, created_in_this_file, keys_defined


class DisallowedUniqueConstraint(Rule):
    """
    ## What it does
    Reports `ALTER TABLE … ADD CONSTRAINT … UNIQUE (…)` on an existing table, instead of building
    the index concurrently first and attaching it with `UNIQUE USING INDEX` (PostgreSQL).

    ## Why is this bad?
    Adding the constraint builds its index while an ACCESS EXCLUSIVE lock blocks reads and
    writes on the table for the whole build.

    ## Example
    ```sql
    ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);
    ```

    ## Use instead
    ```sql
    -- dbops:no-transaction
    CREATE UNIQUE INDEX CONCURRENTLY users_email_idx ON users (email);
    ```
    and in the next migration
    `ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx;`
    """

    name = "disallowed-unique-constraint"
    default_level = Level.WARNING
    dialects = frozenset({"postgres"})
    category = "lock-safety"
    example_history = "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);"
    bad_example = "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);"
    good_example = (
        "-- dbops:no-transaction\n"
        "CREATE UNIQUE INDEX CONCURRENTLY users_email_idx ON users (email);"
    )

    def check(self, context: RuleContext) -> Iterator[Violation]:
        altered = alter_table(context.statement.tree)
        if altered is None or created_in_this_file(context.schema.table_key(altered[0]), context):
            return
        for index, _node in keys_defined(context.statement.tree, context.schema):
            if index.kind == UNIQUE:
                yield Violation(
                    "adding a UNIQUE constraint builds its index under an exclusive lock; create "
                    "a unique index CONCURRENTLY, then ADD CONSTRAINT … UNIQUE USING INDEX"
                )
