from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AlterTable, ModifyColumn
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.columns import spot
from dbops.rules.facts.pointing import violation_at


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
    reads_model = True
    statement_kinds = (AlterTable,)
    example_history = "CREATE TABLE users (id bigint PRIMARY KEY, name text, email varchar(200));"
    bad_example = "ALTER TABLE users MODIFY COLUMN email varchar(200) AFTER id;"
    good_example = "ALTER TABLE users MODIFY COLUMN email varchar(200);"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, AlterTable)
        for action in statement.actions:
            if isinstance(action, ModifyColumn) and action.position:
                yield violation_at(
                    f'moving column "{action.column.name.written}" ({action.position}) '
                    f"rebuilds the table",
                    spot(action.span, action.column.span, statement.span),
                )
