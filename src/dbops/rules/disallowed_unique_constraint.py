from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import AlterTable, ConstraintKind
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.lock_safety import (
    added_constraints,
    at,
    constraint_label,
    created_in_this_file,
)


class DisallowedUniqueConstraint(Rule):
    """
    ## What it does
    Reports `ALTER TABLE … ADD CONSTRAINT … UNIQUE (…)` (or `ADD COLUMN … UNIQUE`) on an
    existing table, instead of building the index concurrently first and attaching it with
    `UNIQUE USING INDEX` (PostgreSQL).

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
    reads_model = True
    statement_kinds = (AlterTable,)
    example_history = "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);"
    bad_example = "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);"
    good_example = (
        "-- dbops:no-transaction\n"
        "CREATE UNIQUE INDEX CONCURRENTLY users_email_idx ON users (email);"
    )

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        if not isinstance(statement, AlterTable) or created_in_this_file(context, statement.table):
            return
        for added in added_constraints(statement):
            constraint = added.constraint
            if constraint.kind is ConstraintKind.UNIQUE and constraint.using_index is None:
                yield at(
                    added.span,
                    f"{constraint_label(added)} builds its index while an ACCESS EXCLUSIVE lock "
                    f"blocks reads and writes on {added.table.written}; create a unique index "
                    f"CONCURRENTLY, then ADD CONSTRAINT … UNIQUE USING INDEX",
                )
