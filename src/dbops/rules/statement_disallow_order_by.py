from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import Delete, Update
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.pointing import violation_at


class StatementDisallowOrderBy(Rule):
    """
    ## What it does
    Reports `ORDER BY` in MySQL `UPDATE` and `DELETE` statements.

    ## Why is this bad?
    Sorting the rows to change costs a sort of everything the `WHERE` matches, while locks are
    held; with a `LIMIT` it hides a batch job inside a migration. Use a condition that names
    the rows instead.

    ## Example
    ```sql
    UPDATE jobs SET state = 'queued' WHERE state = 'new' ORDER BY created_at;
    ```

    ## Use instead
    ```sql
    UPDATE jobs SET state = 'queued' WHERE state = 'new';
    ```
    """

    name = "statement-disallow-order-by"
    bytebase_type = "statement.disallow-order-by"
    default_level = None
    dialects = frozenset({"mysql"})
    category = "statement"
    bad_example = "UPDATE jobs SET state = 'queued' WHERE state = 'new' ORDER BY created_at;"
    good_example = "UPDATE jobs SET state = 'queued' WHERE state = 'new';"
    reads_model = True
    statement_kinds = (Update, Delete)

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, Update | Delete)
        if statement.order_by:
            verb = "UPDATE" if isinstance(statement, Update) else "DELETE"
            yield violation_at(
                f"ORDER BY in {verb}; name the rows in WHERE instead", statement.order_by[0].span
            )
