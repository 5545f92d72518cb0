from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import AlterTable, CreateTable
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.lock_safety import at, typed_columns


class PreferTimestamptz(Rule):
    """
    ## What it does
    Reports columns of type `timestamp` (without time zone), and arrays of it (PostgreSQL), in
    CREATE TABLE, ADD COLUMN and ALTER COLUMN … TYPE.

    ## Why is this bad?
    `timestamp` stores a wall-clock time without saying which zone it is in; servers, sessions
    and applications in different zones read different instants from the same value.
    `timestamptz` stores the instant and converts on display.

    ## Example
    ```sql
    CREATE TABLE events (id bigint PRIMARY KEY, at timestamp NOT NULL);
    ```

    ## Use instead
    ```sql
    CREATE TABLE events (id bigint PRIMARY KEY, at timestamptz NOT NULL);
    ```
    """

    name = "prefer-timestamp-tz"
    default_level = Level.WARNING
    dialects = frozenset({"postgres"})
    category = "type"
    reads_model = True
    statement_kinds = (CreateTable, AlterTable)
    bad_example = "CREATE TABLE events (id bigint PRIMARY KEY, at timestamp NOT NULL);"
    good_example = "CREATE TABLE events (id bigint PRIMARY KEY, at timestamptz NOT NULL);"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        for column, type_name, span in typed_columns(context.statement):
            if type_name.name == "timestamp without time zone":
                written = type_name.written
                if "without" not in written.lower():
                    written += ", a timestamp without time zone"
                yield at(span, f'column "{column}" is {written}; use timestamptz')
