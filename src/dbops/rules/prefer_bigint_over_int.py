from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import AlterTable, CreateTable
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.lock_safety import at, typed_columns

_SMALL_INTEGERS = frozenset({"integer", "smallint"})  # serial and smallserial are these too


class PreferBigintOverInt(Rule):
    """
    ## What it does
    Reports columns declared `int`, `integer`, `smallint`, `serial` or `smallserial`, and
    arrays of them (PostgreSQL), in CREATE TABLE, ADD COLUMN and ALTER COLUMN … TYPE.

    ## Why is this bad?
    A 32-bit id runs out at 2,147,483,647; growing it later means rewriting the table and every
    referencing foreign key under lock. `bigint` costs four more bytes per row.

    ## Example
    ```sql
    CREATE TABLE events (id int PRIMARY KEY);
    ```

    ## Use instead
    ```sql
    CREATE TABLE events (id bigint PRIMARY KEY);
    ```
    """

    name = "prefer-bigint-over-int"
    default_level = Level.WARNING  # on by default, as in Squawk 2.70
    dialects = frozenset({"postgres"})
    category = "type"
    reads_model = True
    statement_kinds = (CreateTable, AlterTable)
    bad_example = "CREATE TABLE events (id int PRIMARY KEY);"
    good_example = "CREATE TABLE events (id bigint PRIMARY KEY);"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        for column, type_name, span in typed_columns(context.statement):
            if type_name.name in _SMALL_INTEGERS:
                yield at(
                    span,
                    f'column "{column}" is {type_name.written}; use bigint so it cannot overflow',
                )
