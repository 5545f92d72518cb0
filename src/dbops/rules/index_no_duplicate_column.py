from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.shapes import keys_defined, line_of


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

    def check(self, context: RuleContext) -> Iterator[Violation]:
        for index, node in keys_defined(context.statement.tree, context.schema):
            seen: set[str] = set()
            for column in index.columns:
                if column in seen:
                    yield Violation(
                        f'{index.kind} "{index.name}" lists column "{column}" twice',
                        line=line_of(node, context.statement),
                    )
                    break
                seen.add(column)
