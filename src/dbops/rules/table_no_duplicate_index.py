from __future__ import annotations

from collections.abc import Iterator

from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.keys import INDEX_KINDS, KEY_STATEMENTS, keys_defined, located


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
    reads_model = True
    statement_kinds = KEY_STATEMENTS

    def check(self, context: StatementContext) -> Iterator[Violation]:
        keys = [key for key in keys_defined(context.statement, context.schema) if key.columns]
        if not any(key.builds_index for key in keys):
            return
        after = context.schema_after()
        for key in keys:
            if not key.builds_index:
                continue
            columns = tuple(column.value for column in key.columns)
            same = [
                other
                for other in after.table_indexes(after.key_of(key.table))
                if other.kind in INDEX_KINDS and other.columns == columns
            ]
            own = key.name.value if key.name is not None else ""
            twins = [other.name for other in same if other.name != own]
            if len(same) > 1 and twins:
                written = ", ".join(column.written for column in key.columns)
                yield located(f"{key.kind} on ({written}) duplicates {twins[0]}", key.span)
