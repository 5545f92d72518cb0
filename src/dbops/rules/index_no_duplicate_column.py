from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.keys import KEY_STATEMENTS, first_span, keys_defined, located


class IndexNoDuplicateColumn(Rule):
    """
    ## What it does
    Reports an index, primary key, unique key or foreign key that lists the same column twice.

    ## Why is this bad?
    It is a typo: PostgreSQL and MySQL refuse such keys, and an index that repeats a column
    only costs space.

    ## Example
    ```sql
    CREATE INDEX orders_user_idx ON orders (user_id, user_id);
    ```

    ## Use instead
    ```sql
    CREATE INDEX orders_user_idx ON orders (user_id, created_at);
    ```
    """

    name = "index-no-duplicate-column"
    bytebase_type = "index.no-duplicate-column"
    default_level = Level.WARNING
    category = "index"
    example_history = (
        "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL, "
        "created_at timestamptz NOT NULL);"
    )
    bad_example = "CREATE INDEX orders_user_idx ON orders (user_id, user_id);"
    good_example = "CREATE INDEX orders_user_idx ON orders (user_id, created_at);"
    reads_model = True
    statement_kinds = KEY_STATEMENTS

    def check(self, context: StatementContext) -> Iterator[Violation]:
        for key in keys_defined(context.statement, context.schema):
            seen: set[str] = set()
            for column in key.columns:
                if column.value in seen:
                    span = first_span(column.span, key.span)
                    yield located(f'{key.label} lists column "{column.written}" twice', span)
                    break
                seen.add(column.value)
