from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.core.findings import Level
from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.shapes import alter_table
from dbops.rules.tokens import is_rename_table


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
    example_history = "CREATE TABLE users (id bigint PRIMARY KEY);"
    bad_example = "ALTER TABLE users RENAME TO customers;"
    good_example = "CREATE VIEW customers AS SELECT * FROM users;"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        statement = context.statement
        altered = alter_table(statement.tree) if not statement.opaque else None
        if altered is not None:
            if any(isinstance(action, exp.AlterRename) for action in altered[1]):
                yield Violation(f"renaming table {altered[0].name} breaks code using the old name")
        elif is_rename_table(statement):
            yield Violation("renaming a table breaks code using the old name")
