from __future__ import annotations

from collections.abc import Iterator

from dbops.core.schema import CHECK, FOREIGN
from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.shapes import keys_defined, line_of


class TableNoDuplicateIndex(Rule):
    """
    ## What it does
    Reports a key or index whose columns, in the same order, are those of another key or index
    of the same table (as the schema stands after the statement).

    ## Why is this bad?
    A duplicate index answers no query the other cannot, yet every write updates both, and it
    takes disk and buffer-pool space.

    ## Example
    ```sql
    CREATE INDEX idx_users_email_2 ON users (email);
    ```

    ## Use instead
    ```sql
    CREATE INDEX idx_users_name ON users (name);
    ```
    """

    name = "table-no-duplicate-index"
    bytebase_type = "table.no-duplicate-index"
    default_level = None
    category = "table"
    example_history = (
        "CREATE TABLE users (id bigint PRIMARY KEY, email text, name text);\n"
        "CREATE INDEX idx_users_email ON users (email);"
    )
    bad_example = "CREATE INDEX idx_users_email_2 ON users (email);"
    good_example = "CREATE INDEX idx_users_name ON users (name);"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        after = context.schema_after()
        for index, node in keys_defined(context.statement.tree, context.schema):
            if index.kind in (FOREIGN, CHECK) or not index.columns:
                continue
            same = [
                other
                for other in after.table_indexes(index.table)
                if other.kind not in (FOREIGN, CHECK) and other.columns == index.columns
            ]
            twins = [other.name for other in same if other.name != index.name]
            if len(same) > 1 and twins:
                yield Violation(
                    f"{index.kind} on ({', '.join(index.columns)}) duplicates {twins[0]}",
                    line=line_of(node, context.statement),
                )
