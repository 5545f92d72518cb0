from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import AlterTable, RenameTables, RenameTo
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.lock_safety import at, created_in_this_file


class RenamingTable(Rule):
    """
    ## What it does
    Reports `ALTER TABLE … RENAME TO` (and MySQL's `RENAME TABLE`) of a table that existed
    before this migration (renaming the new table of a rebuild to the old name breaks nothing).

    ## Why is this bad?
    The running application still queries the old name, and fails until the new version is
    deployed.

    ## Example
    ```sql
    ALTER TABLE users RENAME TO customers;
    ```

    ## Use instead
    ```sql
    -- create the new table (or a view with the new name) and migrate readers first
    CREATE VIEW customers AS SELECT * FROM users;
    ```
    """

    name = "renaming-table"
    default_level = Level.WARNING
    category = "lock-safety"
    reads_model = True
    statement_kinds = (AlterTable, RenameTables)
    example_history = "CREATE TABLE users (id bigint PRIMARY KEY);"
    bad_example = "ALTER TABLE users RENAME TO customers;"
    good_example = "CREATE VIEW customers AS SELECT * FROM users;"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        if isinstance(statement, RenameTables):
            renamed = [
                f"{old.written} to {new.written}"
                for old, new in statement.renames
                if not created_in_this_file(context, old)
            ]
            if renamed:
                yield Violation(_message(", ".join(renamed)))
        elif isinstance(statement, AlterTable) and not created_in_this_file(
            context, statement.table
        ):
            for action in statement.actions:
                if isinstance(action, RenameTo):
                    pair = f"{statement.table.written} to {action.new.written}"
                    yield at(action.span, _message(pair))


def _message(pairs: str) -> str:
    return f"renaming table {pairs} breaks code using the old name"
