from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import CreateRoutine
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.pointing import violation_at


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
    bad_example = (
        "CREATE EVENT purge ON SCHEDULE EVERY 1 DAY DO DELETE FROM sessions WHERE expired = 1;"
    )
    good_example = "DELETE FROM sessions WHERE expired = 1;"
    reads_model = True
    statement_kinds = (CreateRoutine,)

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, CreateRoutine)
        if statement.routine_kind.split()[-1:] == ["EVENT"]:
            yield violation_at(
                "scheduled events are not allowed by this policy; schedule the job elsewhere",
                statement.name.span,
                statement.span,
            )
