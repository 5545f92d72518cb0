from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import AlterTable, CreateTable
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.lock_safety import at, column_sites


class PreferIdentity(Rule):
    """
    ## What it does
    Reports `serial`, `smallserial` and `bigserial` columns (PostgreSQL).

    ## Why is this bad?
    A serial column's sequence is a separate object with its own permissions and ownership,
    which dumps, copies and `CREATE TABLE … LIKE` handle badly. Identity columns are the SQL
    standard and keep the sequence attached to the column.

    ## Example
    ```sql
    CREATE TABLE events (id bigserial PRIMARY KEY);
    ```

    ## Use instead
    ```sql
    CREATE TABLE events (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
    ```
    """

    name = "prefer-identity"
    default_level = Level.WARNING  # on by default, as in Squawk 2.70
    dialects = frozenset({"postgres"})
    category = "type"
    reads_model = True
    statement_kinds = (CreateTable, AlterTable)
    bad_example = "CREATE TABLE events (id bigserial PRIMARY KEY);"
    good_example = "CREATE TABLE events (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        for site in column_sites(context.statement):
            column = site.column
            if column.serial:
                written = column.type.written if column.type is not None else "serial"
                yield at(
                    column.span,
                    f'column "{column.name.written}" is {written}; use GENERATED ALWAYS AS '
                    f"IDENTITY",
                )
