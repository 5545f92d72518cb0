from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import Delete, Update
from dbops.rules.base import Rule, StatementContext, Violation


class StatementWhereRequireUpdateDelete(Rule):
    """
    ## What it does
    Reports `UPDATE` and `DELETE` statements without a `WHERE` clause.

    ## Why is this bad?
    Without WHERE, the statement changes every row of the table. That is rarely what a migration
    means, and on a large table it holds locks and bloats the write-ahead log for a long time.

    ## Example
    ```sql
    DELETE FROM sessions;
    ```

    ## Use instead
    ```sql
    DELETE FROM sessions WHERE expires_at < now();
    ```
    """

    name = "statement-where-require-update-delete"
    bytebase_type = "statement.where.require.update-delete"
    default_level = Level.ERROR
    category = "statement"
    bad_example = "DELETE FROM sessions;"
    good_example = "DELETE FROM sessions WHERE expires_at < now();"
    reads_model = True
    statement_kinds = (Update, Delete)

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, Update | Delete)
        if statement.where is None:
            verb = "UPDATE" if isinstance(statement, Update) else "DELETE"
            yield Violation(f"{verb} without WHERE changes every row of {statement.table.written}")
