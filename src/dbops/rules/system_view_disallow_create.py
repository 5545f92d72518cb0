from __future__ import annotations

from collections.abc import Iterator

from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.tokens import created_object


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
    needs_tree = False
    bad_example = "CREATE VIEW active_users AS SELECT id, name FROM users WHERE active = 1;"
    good_example = "SELECT id, name FROM users WHERE active = 1;"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        if created_object(context.statement) == "VIEW":
            yield Violation("views are not allowed by this policy")
