from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import AlterTable, CreateTable, DropNotNull, SetNotNull
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.columns import (
    accepts_null,
    defined_columns,
    existing_primary_key,
    primary_key_columns,
    spot,
)
from dbops.rules.facts.pointing import violation_at


class ColumnNoNull(Rule):
    """
    ## What it does
    Reports a column created, added or redefined (MySQL `MODIFY`/`CHANGE`) without
    `NOT NULL`, and `ALTER COLUMN … DROP NOT NULL` (primary key, identity and serial columns
    are NOT NULL already).

    ## Why is this bad?
    A nullable column lets missing data in silently, makes every query reason about three-valued
    logic, and is hard to tighten later: adding NOT NULL to a populated table needs a backfill
    and a full-table check under lock.

    ## Example
    ```sql
    CREATE TABLE t2024 (id bigint PRIMARY KEY, name text);
    ```

    ## Use instead
    ```sql
    CREATE TABLE t2024 (id bigint PRIMARY KEY, name text NOT NULL);
    ```
    """

    name = "column-no-null"
    bytebase_type = "column.no-null"
    default_level = Level.ERROR
    category = "column"
    reads_model = True
    reads_later_not_null = True  # expand now, SET NOT NULL in a later migration: not reported
    statement_kinds = (CreateTable, AlterTable)
    bad_example = "CREATE TABLE t2024 (id bigint PRIMARY KEY, name text);"
    good_example = "CREATE TABLE t2024 (id bigint PRIMARY KEY, name text NOT NULL);"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        # A column MODIFY redefines keeps its place in the table's primary key, which holds
        # it NOT NULL.
        held_not_null = primary_key_columns(statement) | existing_primary_key(
            statement, context.schema
        )
        # `ADD COLUMN c int, ALTER COLUMN c SET NOT NULL` ends NOT NULL: the actions run in order.
        if isinstance(statement, AlterTable):
            held_not_null |= {
                a.column.value for a in statement.actions if isinstance(a, SetNotNull)
            }
        for defined in defined_columns(statement):
            column = defined.column
            later = (defined.table.name.value, column.name.value) in context.made_not_null_later
            if accepts_null(column) and column.name.value not in held_not_null and not later:
                yield violation_at(
                    f'column "{column.name.written}" of table {defined.table.written} can be '
                    f"NULL; declare it NOT NULL",
                    defined.span,
                )
        if isinstance(statement, AlterTable):
            for action in statement.actions:
                if isinstance(action, DropNotNull):
                    yield violation_at(
                        f'column "{action.column.written}" is made nullable; keep it NOT NULL',
                        spot(action.span, statement.span),
                    )
