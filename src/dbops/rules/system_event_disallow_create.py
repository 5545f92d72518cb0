from __future__ import annotations

from collections.abc import Iterator

from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.tokens import created_object


class SystemEventDisallowCreate(Rule):
    """
    ## What it does
    Reports `CREATE EVENT` statements (MySQL scheduled events).

    ## Why is this bad?
    An event runs on the database's own schedule, invisible to the application's jobs and
    monitoring; it keeps running after the code that needed it is gone, on every replica that
    has the scheduler on.

    ## Example
    ```sql
    CREATE EVENT purge ON SCHEDULE EVERY 1 DAY DO DELETE FROM sessions WHERE expired = 1;
    ```

    ## Use instead
    ```sql
    DELETE FROM sessions WHERE expired = 1;
    ```
    """

    name = "system-event-disallow-create"
    bytebase_type = "system.event.disallow-create"
    default_level = None
    dialects = frozenset({"mysql"})
    category = "system"
    needs_tree = False
    bad_example = (
        "CREATE EVENT purge ON SCHEDULE EVERY 1 DAY DO DELETE FROM sessions WHERE expired = 1;"
    )
    good_example = "DELETE FROM sessions WHERE expired = 1;"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        if created_object(context.statement) == "EVENT":
            yield Violation(
                "scheduled events are not allowed by this policy; schedule the job elsewhere"
            )
