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
    rewrite_reason,
)


class AddingFieldWithDefault(Rule):
    """
    ## What it does
    Reports `ALTER TABLE … ADD COLUMN` on an existing table when the new column makes PostgreSQL
    rewrite every row: a DEFAULT calling a function that may be volatile (`random()`,
    `clock_timestamp()`, `gen_random_uuid()`, `uuid_generate_v4()`, `nextval()`, user
    functions; `now()` and `CURRENT_TIMESTAMP` are stable, array constructors and casts are not
    calls), a `GENERATED ALWAYS AS (…) STORED` column, an identity or a serial column
    (PostgreSQL).

    ## Why is this bad?
    A constant or stable default is stored once in the catalog (PostgreSQL 11+). A volatile
    default, a stored generated expression or a sequence number is computed for every existing
    row: the whole table and its indexes are rewritten while an ACCESS EXCLUSIVE lock blocks
    all reads and writes.

    ## Example
    ```sql
    ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();
    ```

    ## Use instead
    ```sql
    SET lock_timeout = '2s';
    ALTER TABLE orders ADD COLUMN token uuid;
    ALTER TABLE orders ALTER COLUMN token SET DEFAULT gen_random_uuid();
    -- then backfill existing rows in batches
    ```
    """

    name = "adding-field-with-default"
    default_level = Level.WARNING
    dialects = frozenset({"postgres"})
    category = "lock-safety"
    reads_model = True
    statement_kinds = (AlterTable,)
    example_history = "CREATE TABLE orders (id bigint PRIMARY KEY);"
    bad_example = "ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();"
    good_example = (
        SET_LOCK_TIMEOUT + "ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'new';"
    )

    def check(self, context: StatementContext) -> Iterator[Violation]:
        for site in column_sites(context.statement):
            if created_in_this_file(context, site.table):
                return
            reason = rewrite_reason(site.column)
            if reason is not None:
                yield at(
                    site.column.span,
                    f'column "{site.column.name.written}" added to {site.table.written} '
                    f"{reason}; the table and its indexes are rewritten under an ACCESS "
                    f"EXCLUSIVE lock that blocks reads and writes; add the column plain, set "
                    f"the default, then backfill in batches",
                )
