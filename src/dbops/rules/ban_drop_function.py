from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import Drop
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, drops_of


class BanDropFunction(Rule):
    """
    ## What it does
    Reports `DROP FUNCTION` (and `DROP PROCEDURE`, `DROP ROUTINE`, `DROP AGGREGATE`).

    ## Why is this bad?
    Application code, triggers, defaults and views call functions and procedures by name. The
    application version still running during and after the deploy keeps using the function: dropping
    it in the same release breaks those clients. Stop using it first, deploy, and drop it in a later
    migration.

    ## Example
    ```sql
    DROP FUNCTION add_one(bigint);
    ```

    ## Use instead
    ```sql
    -- stop using the function, deploy, then drop it in a later release
    COMMENT ON FUNCTION add_one(bigint) IS 'deprecated';
    ```
    """

    name = "ban-drop-function"
    default_level = Level.WARNING
    dialects = POSTGRES
    category = "backward-compatibility"
    reads_model = True
    statement_kinds = (Drop,)
    example_history = (
        "CREATE FUNCTION add_one(i bigint) RETURNS bigint LANGUAGE sql AS 'SELECT i + 1';"
    )
    bad_example = "DROP FUNCTION add_one(bigint);"
    good_example = "COMMENT ON FUNCTION add_one(bigint) IS 'deprecated';"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, Drop)
        yield from drops_of(statement, _KINDS, "function")


_KINDS = frozenset({"AGGREGATE", "FUNCTION", "ROUTINE", "PROCEDURE"})
