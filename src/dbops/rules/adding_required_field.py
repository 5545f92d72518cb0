from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import AlterTable
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.lock_safety import (
    SET_LOCK_TIMEOUT,
    at,
    column_sites,
    created_in_this_file,
    fills_existing_rows,
)


class AddingRequiredField(Rule):
    """
    ## What it does
    Reports `ALTER TABLE … ADD COLUMN … NOT NULL` without a `DEFAULT` on a table that already
    exists. A column that fills existing rows by itself needs none: a `GENERATED ALWAYS AS (…)
    STORED` column, an identity, serial or AUTO_INCREMENT column.

    ## Why is this bad?
    Existing rows have no value for the new column, so the statement fails on any table that
    has rows (PostgreSQL, SQLite) or silently fills in the type's zero value (MySQL in
    non-strict mode). It passes on an empty development database and breaks in production.

    ## Example
    ```sql
    ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL;
    ```

    ## Use instead
    ```sql
    SET lock_timeout = '2s';
    ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL DEFAULT 0;
    ```
    """

    name = "adding-required-field"
    bytebase_type = "column.disallow-add-not-null"
    default_level = Level.ERROR
    category = "lock-safety"
    reads_model = True
    statement_kinds = (AlterTable,)
    example_history = "CREATE TABLE users (id bigint PRIMARY KEY);"
    bad_example = "ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL;"
    good_example = (
        SET_LOCK_TIMEOUT + "ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL DEFAULT 0;"
    )

    def check(self, context: StatementContext) -> Iterator[Violation]:
        for site in column_sites(context.statement):
            if created_in_this_file(context, site.table):
                return  # created in this same migration: it has no rows yet
            column = site.column
            if not column.nullable and not fills_existing_rows(column):
                yield at(
                    column.span,
                    f'column "{column.name.written}" is added NOT NULL without a DEFAULT: it '
                    f"fails on a table that has rows; add a DEFAULT, or add it nullable, "
                    f"backfill, then set NOT NULL",
                )
