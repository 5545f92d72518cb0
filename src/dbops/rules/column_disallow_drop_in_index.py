from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.core.schema import drop_target
from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.shapes import alter_table


class ColumnDisallowDropInIndex(Rule):
    """
    ## What it does
    Reports `ALTER TABLE … DROP COLUMN` of a column that is part of a key or index.

    ## Why is this bad?
    Dropping the column silently drops or shrinks the indexes that contain it (in MySQL a
    composite index loses the column and may become a different, even duplicate, index); the
    queries those indexes served turn into full scans.

    ## Example
    ```sql
    ALTER TABLE users DROP COLUMN email;
    ```

    ## Use instead
    ```sql
    DROP INDEX idx_users_email;
    ALTER TABLE users DROP COLUMN email;
    ```
    """

    name = "column-disallow-drop-in-index"
    bytebase_type = "column.disallow-drop-in-index"
    default_level = None
    category = "column"
    example_history = (
        "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n"
        "CREATE INDEX idx_users_email ON users (email);"
    )
    bad_example = "ALTER TABLE users DROP COLUMN email;"
    good_example = "DROP INDEX idx_users_email;\nALTER TABLE users DROP COLUMN email;"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        altered = alter_table(context.statement.tree)
        if altered is None:
            return
        key = context.schema.table_key(altered[0])
        indexed = context.schema.indexed_columns(key)
        for action in altered[1]:
            if isinstance(action, exp.Drop) and (action.args.get("kind") or "COLUMN") == "COLUMN":
                name = context.schema.name_of(drop_target(action))
                if name in indexed:
                    yield Violation(f'column "{name}" is part of an index; drop the index first')
