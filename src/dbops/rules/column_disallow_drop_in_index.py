from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AlterTable
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.columns import indexes_dropping_columns, spot
from dbops.rules.facts.pointing import violation_at


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
    reads_model = True
    statement_kinds = (AlterTable,)
    example_history = (
        "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n"
        "CREATE INDEX idx_users_email ON users (email);"
    )
    bad_example = "ALTER TABLE users DROP COLUMN email;"
    good_example = "DROP INDEX idx_users_email;\nALTER TABLE users DROP COLUMN email;"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, AlterTable)
        for action, index in indexes_dropping_columns(statement, context.schema):
            label = f'index "{index.name}"' if index.name else _unnamed(index.kind)
            yield violation_at(
                f'column "{action.column.written}" is part of {label}; drop the index first',
                spot(action.column.span, action.span, statement.span),
            )


def _unnamed(kind: str) -> str:
    return {"primary key": "the primary key", "unique": "a unique key"}.get(kind, "an index")
