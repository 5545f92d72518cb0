from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import CreateTableAs, CreateView
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.pointing import violation_at


class SystemViewDisallowCreate(Rule):
    """
    ## What it does
    Reports `CREATE VIEW` statements, including `CREATE OR REPLACE … VIEW`.

    ## Why is this bad?
    Views hide the queries that run and pin the columns they use: a later `ALTER TABLE` on
    the base table fails or silently changes what the view returns.

    ## Example
    ```sql
    CREATE VIEW active_users AS SELECT id, name FROM users WHERE active = 1;
    ```

    ## Use instead
    ```sql
    SELECT id, name FROM users WHERE active = 1;
    ```
    """

    name = "system-view-disallow-create"
    bytebase_type = "system.view.disallow-create"
    default_level = None
    category = "system"
    bad_example = "CREATE VIEW active_users AS SELECT id, name FROM users WHERE active = 1;"
    good_example = "SELECT id, name FROM users WHERE active = 1;"
    reads_model = True
    statement_kinds = (CreateView, CreateTableAs)

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        if isinstance(statement, CreateView):
            yield violation_at(
                f"view {statement.name.written}: views are not allowed by this policy",
                statement.name.span,
            )
        elif isinstance(statement, CreateTableAs) and statement.materialized:
            yield violation_at(
                f"materialized view {statement.table.written}: views are not allowed by this "
                "policy",
                statement.table.span,
            )
