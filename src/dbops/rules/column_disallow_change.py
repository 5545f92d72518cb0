from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AlterTable, ModifyColumn
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.columns import spot
from dbops.rules.facts.pointing import violation_at


class ColumnDisallowChange(Rule):
    """
    ## What it does
    Reports MySQL `ALTER TABLE … CHANGE [COLUMN] old new …`.

    ## Why is this bad?
    `CHANGE` renames and redefines a column in one go: a typo in the repeated name renames the
    column by accident, and the whole definition must be restated, so an attribute left out
    (a default, `NOT NULL`, a comment) is silently dropped. Use `RENAME COLUMN` to rename and
    `MODIFY` to redefine.

    ## Example
    ```sql
    ALTER TABLE users CHANGE COLUMN name name varchar(100) NOT NULL;
    ```

    ## Use instead
    ```sql
    ALTER TABLE users MODIFY COLUMN name varchar(100) NOT NULL;
    ```
    """

    name = "column-disallow-change"
    bytebase_type = "column.disallow-change"
    default_level = None
    dialects = frozenset({"mysql"})
    category = "column"
    reads_model = True
    statement_kinds = (AlterTable,)
    example_history = "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(50));"
    bad_example = "ALTER TABLE users CHANGE COLUMN name name varchar(100) NOT NULL;"
    good_example = "ALTER TABLE users MODIFY COLUMN name varchar(100) NOT NULL;"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, AlterTable)
        for action in statement.actions:
            if isinstance(action, ModifyColumn) and action.old is not None:
                yield violation_at(
                    f'CHANGE COLUMN "{action.old.written}"; use RENAME COLUMN or MODIFY COLUMN',
                    spot(action.span, action.column.span, statement.span),
                )
