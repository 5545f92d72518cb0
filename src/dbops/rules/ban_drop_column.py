from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import AlterTable, DropColumn
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.lock_safety import SET_LOCK_TIMEOUT, at


class BanDropColumn(Rule):
    """
    ## What it does
    Reports `ALTER TABLE … DROP COLUMN`.

    ## Why is this bad?
    Running application code still selects or inserts the column until it is deployed without
    it; dropping the column first breaks it. The data is gone for good.

    ## Example
    ```sql
    ALTER TABLE users DROP COLUMN nickname;
    ```

    ## Use instead
    ```sql
    SET lock_timeout = '2s';
    -- release 1: stop reading and writing the column in the application
    -- release 2: drop it, with `-- dbops:ignore ban-drop-column` once it is unused
    ALTER TABLE users ADD COLUMN display_name text;
    ```
    """

    name = "ban-drop-column"
    bytebase_type = None
    default_level = Level.WARNING
    category = "lock-safety"
    reads_model = True
    statement_kinds = (AlterTable,)
    bad_example = "ALTER TABLE users DROP COLUMN nickname;"
    good_example = SET_LOCK_TIMEOUT + "ALTER TABLE users ADD COLUMN display_name text;"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        if not isinstance(statement, AlterTable):
            return
        for action in statement.actions:
            if isinstance(action, DropColumn):
                yield at(
                    action.span,
                    f'dropping column "{action.column.written}" of {statement.table.written} '
                    f"breaks code still using it",
                )
