from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.tokens import dropped_tables


class BanDropTable(Rule):
    """
    ## What it does
    Reports `DROP TABLE` of a table that existed before this migration.

    ## Why is this bad?
    The data is gone for good, and the running application still reads the table until it is
    deployed without it. A table created and dropped in the same migration is not reported.

    ## Example
    ```sql
    DROP TABLE orders;
    ```

    ## Use instead
    ```sql
    -- stop using the table, keep it for a release, then drop it with
    -- `-- dbops:ignore ban-drop-table` once a backup exists
    ALTER TABLE orders RENAME TO orders_del;
    ```
    """

    name = "ban-drop-table"
    default_level = Level.WARNING
    category = "lock-safety"
    needs_tree = False
    example_history = "CREATE TABLE orders (id bigint PRIMARY KEY);"
    bad_example = "DROP TABLE orders;"
    good_example = "CREATE TABLE scratch (id bigint PRIMARY KEY);\nDROP TABLE scratch;"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        for name in dropped_tables(context.statement):
            fresh = context.schema.tables_named(name.lower())
            if fresh and all(table.created_in == context.file.path for table in fresh):
                continue
            yield Violation(f'dropping table "{name}" destroys its data and breaks code using it')
