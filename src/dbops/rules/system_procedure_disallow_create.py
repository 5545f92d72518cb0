from __future__ import annotations

from collections.abc import Iterator

from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.tokens import created_object


class SystemProcedureDisallowCreate(Rule):
    """
    ## What it does
    Reports `CREATE PROCEDURE` statements (stored procedures).

    ## Why is this bad?
    Logic in stored procedures lives outside the application's code review, tests and
    deployments, is hard to version and debug, and runs with its definer's privileges.

    ## Example
    ```sql
    CREATE PROCEDURE purge_sessions() DELETE FROM sessions WHERE expires_at < NOW();
    ```

    ## Use instead
    ```sql
    DELETE FROM sessions WHERE expires_at < NOW();
    ```
    """

    name = "system-procedure-disallow-create"
    bytebase_type = "system.procedure.disallow-create"
    default_level = None
    category = "system"
    needs_tree = False
    bad_example = "CREATE PROCEDURE purge_sessions() DELETE FROM sessions WHERE expires_at < NOW();"
    good_example = "DELETE FROM sessions WHERE expires_at < NOW();"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        if created_object(context.statement) == "PROCEDURE":
            yield Violation(
                "stored procedures are not allowed by this policy; keep the logic in the code"
            )
