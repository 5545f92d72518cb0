from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import Drop
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.lock_safety import at, created_in_this_file, known, rebuilt_in_this_file


class BanDropTable(Rule):
    """
    ## What it does
    Reports `DROP TABLE` of a table that existed before this migration.

    ## Why is this bad?
    The data is gone for good, and the running application still reads the table until it is
    deployed without it. A table created and dropped in the same migration is not reported,
    nor the old table of a rebuild (rows copied into a new table by `INSERT … SELECT … FROM
    old`, the old one dropped, the new one renamed to the old name, all in the same file).

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
    reads_model = True
    statement_kinds = (Drop,)
    example_history = "CREATE TABLE orders (id bigint PRIMARY KEY);"
    bad_example = "DROP TABLE orders;"
    good_example = "CREATE TABLE scratch (id bigint PRIMARY KEY);\nDROP TABLE scratch;"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        if not isinstance(statement, Drop) or statement.object_kind != "TABLE":
            return
        for name in statement.names:
            if created_in_this_file(context, name) or rebuilt_in_this_file(context, name):
                continue
            yield at(
                known(name.span, statement.span),
                f"dropping table {name.written} destroys its data and breaks code using it",
            )
