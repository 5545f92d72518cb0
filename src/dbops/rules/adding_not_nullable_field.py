from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import AlterTable, SetNotNull
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.lock_safety import at, created_in_this_file


class AddingNotNullableField(Rule):
    """
    ## What it does
    Reports `ALTER TABLE … ALTER COLUMN … SET NOT NULL` on an existing table (PostgreSQL).
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
    good_example = (
        "ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;"
    )

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        if not isinstance(statement, AlterTable) or created_in_this_file(context, statement.table):
            return
        for action in statement.actions:
            if isinstance(action, SetNotNull):
                column = action.column.written
                yield at(
                    action.span,
                    f'SET NOT NULL on column "{column}" scans the table under an ACCESS '
                    f'EXCLUSIVE lock that blocks reads and writes; add CHECK ("{column}" IS '
                    f"NOT NULL) NOT VALID and validate it separately",
                )
