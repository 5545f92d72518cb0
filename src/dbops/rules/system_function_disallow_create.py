from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import CreateRoutine
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.pointing import violation_at


class SystemFunctionDisallowCreate(Rule):
    """
    ## What it does
    Reports `CREATE FUNCTION` statements (stored functions).

    ## Why is this bad?
    Stored functions put logic outside the application's review and tests, and a function
    called per row in a query is a hidden performance cost the planner cannot see into.

    ## Example
    ```sql
    CREATE FUNCTION full_name(a text, b text) RETURNS text RETURN CONCAT(a, ' ', b);
    ```

    ## Use instead
    ```sql
    SELECT CONCAT(first_name, ' ', last_name) AS full_name FROM users;
    ```
    """

    name = "system-function-disallow-create"
    bytebase_type = "system.function.disallow-create"
    default_level = None
    category = "system"
    bad_example = "CREATE FUNCTION full_name(a text, b text) RETURNS text RETURN CONCAT(a, ' ', b);"
    good_example = "SELECT CONCAT(first_name, ' ', last_name) AS full_name FROM users;"
    reads_model = True
    statement_kinds = (CreateRoutine,)

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, CreateRoutine)
        if statement.routine_kind.split()[-1:] == ["FUNCTION"]:  # AGGREGATE FUNCTION too
            yield violation_at(
                "stored functions are not allowed by this policy",
                statement.name.span,
                statement.span,
            )
