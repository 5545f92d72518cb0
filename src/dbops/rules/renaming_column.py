from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.core.findings import Level
from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.shapes import alter_table


class RenamingColumn(Rule):
    """
    ## What it does
    Reports `ALTER TABLE … RENAME COLUMN`.

    ## Why is this bad?
    The application version that is running while the migration applies still uses the old
    name; every query naming it fails until the new version is deployed.

    ## Example
    ```sql
    ALTER TABLE users RENAME COLUMN name TO full_name;
    ```

    ## Use instead
    ```sql
    -- add the new column, write both, backfill, switch reads, then drop the old column
    ALTER TABLE users ADD COLUMN full_name text;
    ```
    """

    name = "renaming-column"
    default_level = Level.WARNING
    category = "lock-safety"
    example_history = "CREATE TABLE users (id bigint PRIMARY KEY, name text);"
    bad_example = "ALTER TABLE users RENAME COLUMN name TO full_name;"
    good_example = "ALTER TABLE users ADD COLUMN full_name text;"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        altered = alter_table(context.statement.tree)
        for action in altered[1] if altered else []:
            if isinstance(action, exp.RenameColumn):
                yield Violation(
                    f'renaming column "{action.this.name}" breaks code that still uses the old name'
                )
