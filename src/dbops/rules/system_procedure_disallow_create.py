from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import CreateRoutine
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.pointing import violation_at


class SystemProcedureDisallowCreate(Rule):
    """
    ## What it does
    Reports `CREATE PROCEDURE` statements (stored procedures).

    ## Why is this bad?
    Logic in stored procedures lives outside the application's code review, tests and
    deployments, is hard to version and debug, and runs with its definer's privileges.

    ## Example
    ```sql
    CREATE PROCEDURE purge_sessions() LANGUAGE sql
      AS $$ DELETE FROM sessions WHERE expires_at < NOW() $$;
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
    bad_example = (  # PostgreSQL's form (the examples run there); MySQL's takes a bare body
        "CREATE PROCEDURE purge_sessions() LANGUAGE sql\n"
        "  AS $$ DELETE FROM sessions WHERE expires_at < NOW() $$;"
    )
    good_example = "DELETE FROM sessions WHERE expires_at < NOW();"
    reads_model = True
    statement_kinds = (CreateRoutine,)

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, CreateRoutine)
        if statement.routine_kind.split()[-1:] == ["PROCEDURE"]:
            yield violation_at(
                "stored procedures are not allowed by this policy; keep the logic in the code",
                statement.name.span,
                statement.span,
            )
