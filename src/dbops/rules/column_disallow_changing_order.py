from __future__ import annotations

from collections.abc import Iterator

from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.mysql_shapes import modified_columns


class ColumnDisallowChangingOrder(Rule):
    """
    ## What it does
    Reports MySQL `MODIFY`/`CHANGE COLUMN … FIRST` or `… AFTER other`, which move an existing
    column.

    ## Why is this bad?
    Moving a column rebuilds the whole table (a copy, with writes blocked), and code that reads
    columns by position (`SELECT *`, `INSERT … VALUES` without a column list) gets other values.

    ## Example
    ```sql
    ALTER TABLE users MODIFY COLUMN email varchar(200) AFTER id;
    ```

    ## Use instead
    ```sql
    ALTER TABLE users MODIFY COLUMN email varchar(200);
    ```
    """

    name = "column-disallow-changing-order"
    bytebase_type = "column.disallow-changing-order"
    default_level = None
    dialects = frozenset({"mysql"})
    category = "column"
    example_history = "CREATE TABLE users (id bigint PRIMARY KEY, name text, email varchar(200));"
    bad_example = "ALTER TABLE users MODIFY COLUMN email varchar(200) AFTER id;"
    good_example = "ALTER TABLE users MODIFY COLUMN email varchar(200);"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        for action in modified_columns(context.statement.tree):
            if action.this.args.get("position") is not None:
                yield Violation(f'moving column "{action.this.name}" rebuilds the table')
