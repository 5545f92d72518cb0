from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.locks.pg_types import rewrites_for_type_change
from dbops.core.statements import AlterColumnType, AlterTable, ModifyColumn
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.lock_safety import (
    SET_LOCK_TIMEOUT,
    at,
    column_type_before,
    same_type,
)


class ChangingColumnType(Rule):
    """
    ## What it does
    Reports `ALTER TABLE … ALTER COLUMN … TYPE` (and MySQL's `MODIFY`/`CHANGE` when it gives
    the column another type than the replayed schema knows, or a type dbops cannot compare).
    The message says whether PostgreSQL rewrites the table: not when the new type holds every
    old value (`varchar(100)` to `varchar(200)` or `text`, `numeric(10,2)` to `numeric(12,2)`).

    ## Why is this bad?
    Most type changes rewrite the table and every index on it under an exclusive lock, and
    running application code may not read the new type. Narrowing types can also fail or lose
    data.

    ## Example
    ```sql
    ALTER TABLE users ALTER COLUMN name TYPE varchar(100);
    ```

    ## Use instead
    ```sql
    SET lock_timeout = '2s';
    -- add a new column, backfill it in batches, switch the application, then drop the old one
    ALTER TABLE users ADD COLUMN name_v2 varchar(100);
    ```
    """

    name = "changing-column-type"
    bytebase_type = "column.disallow-change-type"
    default_level = Level.WARNING
    category = "lock-safety"
    reads_model = True
    statement_kinds = (AlterTable,)
    example_history = "CREATE TABLE users (id bigint PRIMARY KEY, name text);"
    bad_example = "ALTER TABLE users ALTER COLUMN name TYPE varchar(100);"
    good_example = SET_LOCK_TIMEOUT + "ALTER TABLE users ADD COLUMN name_v2 varchar(100);"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        if not isinstance(statement, AlterTable):
            return
        for action in statement.actions:
            if isinstance(action, AlterColumnType):
                yield at(action.span, _retype_message(action, statement, context))
            elif isinstance(action, ModifyColumn) and action.column.type is not None:
                old = action.old or action.column.name
                before = column_type_before(context, statement.table, old.value)
                if before is None or not same_type(before, action.column.type):
                    yield at(
                        action.span,
                        f'{"CHANGE" if action.old else "MODIFY"} gives column "{old.written}" '
                        f"a new type {action.column.type.written}",
                    )


def _retype_message(action: AlterColumnType, table: AlterTable, context: StatementContext) -> str:
    before = column_type_before(context, table.table, action.column.value)
    change = f'changing the type of column "{action.column.written}" to {action.type.written}'
    if rewrites_for_type_change(before, action.type, action.using):
        return (
            f"{change} rewrites the table and its indexes under an ACCESS EXCLUSIVE lock that "
            f"blocks reads and writes"
        )
    return (
        f"{change} needs no rewrite, but takes an ACCESS EXCLUSIVE lock, and code still "
        f"running may not expect the new type"
    )
