from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.locks.postgres import not_null_proven
from dbops.core.statements import AlterTable, SetNotNull
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.lock_safety import SET_LOCK_TIMEOUT, at, created_in_this_file


class AddingNotNullableField(Rule):
    """
    ## What it does
    Reports `ALTER TABLE … ALTER COLUMN … SET NOT NULL` on an existing table (PostgreSQL),
    unless a valid `CHECK (column IS NOT NULL)` (validated in an earlier migration, or added
    without NOT VALID earlier in the file) already proves it: PostgreSQL 12+ then skips the
    scan.
    (A column added NOT NULL is `adding-required-field`'s concern; a STORED generated or
    identity column needs no DEFAULT there.)

    ## Why is this bad?
    PostgreSQL scans the whole table to prove no row is NULL, holding an ACCESS EXCLUSIVE lock
    that blocks reads and writes for the whole scan.

    ## Example
    ```sql
    ALTER TABLE users ALTER COLUMN email SET NOT NULL;
    ```

    ## Use instead
    ```sql
    SET lock_timeout = '2s';
    ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;
    -- next migration: VALIDATE CONSTRAINT takes a weaker lock; PostgreSQL 12+ then uses the
    -- validated check to SET NOT NULL without a scan
    ```
    """

    name = "adding-not-nullable-field"
    bytebase_type = "statement.disallow-add-not-null"
    default_level = Level.WARNING
    dialects = frozenset({"postgres"})
    category = "lock-safety"
    reads_model = True
    statement_kinds = (AlterTable,)
    example_history = "CREATE TABLE users (id bigint PRIMARY KEY, email text);"
    bad_example = "ALTER TABLE users ALTER COLUMN email SET NOT NULL;"
    good_example = SET_LOCK_TIMEOUT + (
        "ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;"
    )

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        if not isinstance(statement, AlterTable) or created_in_this_file(context, statement.table):
            return
        key = context.schema.key_of(statement.table)
        for action in statement.actions:
            if isinstance(action, SetNotNull):
                if key is not None and not_null_proven(
                    key, action.column.value, context.schema, context.previous
                ):
                    continue  # a valid CHECK (c IS NOT NULL) spares the scan (PostgreSQL 12+)
                column = action.column.written
                yield at(
                    action.span,
                    f'SET NOT NULL on column "{column}" scans the table under an ACCESS '
                    f'EXCLUSIVE lock that blocks reads and writes; add CHECK ("{column}" IS '
                    f"NOT NULL) NOT VALID and validate it separately",
                )
