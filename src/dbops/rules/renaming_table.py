from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import AlterTable, RenameTables, RenameTo
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.lock_safety import at


class RenamingTable(Rule):
    """
    ## What it does
    Reports `ALTER TABLE … RENAME TO` (and MySQL's `RENAME TABLE`).

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
    needs_tree = False
    reads_model = True
    statement_kinds = (AlterTable, RenameTables)
    example_history = "CREATE TABLE users (id bigint PRIMARY KEY);"
    bad_example = "ALTER TABLE users RENAME TO customers;"
    good_example = "CREATE VIEW customers AS SELECT * FROM users;"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        if isinstance(statement, RenameTables) and statement.renames:
            pairs = ", ".join(f"{old.written} to {new.written}" for old, new in statement.renames)
            yield Violation(_message(pairs))
        elif isinstance(statement, AlterTable):
            for action in statement.actions:
                if isinstance(action, RenameTo):
                    pair = f"{statement.table.written} to {action.new.written}"
                    yield at(action.span, _message(pair))


def _message(pairs: str) -> str:
    return f"renaming table {pairs} breaks code using the old name"
