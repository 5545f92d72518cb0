from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import AlterTable, ModifyColumn, RenameColumn
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.lock_safety import SET_LOCK_TIMEOUT, at


class RenamingColumn(Rule):
    """
    ## What it does
    Reports `ALTER TABLE … RENAME [COLUMN]` of a column, and MySQL's `CHANGE old new …` when it
    gives the column another name.

    ## Why is this bad?
    The application version that is running while the migration applies still uses the old
    name; every query naming it fails until the new version is deployed.

    ## Example
    ```sql
    ALTER TABLE users RENAME COLUMN name TO full_name;
    ```

    ## Use instead
    ```sql
    SET lock_timeout = '2s';
    -- add the new column, write both, backfill, switch reads, then drop the old column
    ALTER TABLE users ADD COLUMN full_name text;
    ```
    """

    name = "renaming-column"
    default_level = Level.WARNING
    category = "lock-safety"
    reads_model = True
    statement_kinds = (AlterTable,)
    example_history = "CREATE TABLE users (id bigint PRIMARY KEY, name text);"
    bad_example = "ALTER TABLE users RENAME COLUMN name TO full_name;"
    good_example = SET_LOCK_TIMEOUT + "ALTER TABLE users ADD COLUMN full_name text;"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        if not isinstance(statement, AlterTable):
            return
        for action in statement.actions:
            if isinstance(action, RenameColumn):
                old, new = action.old, action.new
            elif isinstance(action, ModifyColumn) and action.old is not None:
                old, new = action.old, action.column.name
                if old.value == new.value:
                    continue
            else:
                continue
            yield at(
                action.span,
                f'renaming column "{old.written}" to "{new.written}" breaks code that still '
                f"uses the old name",
            )
