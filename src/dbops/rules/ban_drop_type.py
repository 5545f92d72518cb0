from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import Drop
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, drops_of


class BanDropType(Rule):
    """
    ## What it does
    Reports `DROP TYPE`.

    ## Why is this bad?
    Clients cast to types, and columns, functions and drivers' type maps refer to them. The
    application version still running during and after the deploy keeps using the type: dropping it
    in the same release breaks those clients. Stop using it first, deploy, and drop it in a later
    migration.

    ## Example
    ```sql
    DROP TYPE mood;
    ```

    ## Use instead
    ```sql
    -- stop using the type, deploy, then drop it in a later release
    COMMENT ON TYPE mood IS 'deprecated';
    ```
    """

    name = "ban-drop-type"
    default_level = Level.WARNING
    dialects = POSTGRES
    category = "backward-compatibility"
    reads_model = True
    statement_kinds = (Drop,)
    example_history = "CREATE TYPE mood AS ENUM ('sad', 'happy');"
    bad_example = "DROP TYPE mood;"
    good_example = "COMMENT ON TYPE mood IS 'deprecated';"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, Drop)
        yield from drops_of(statement, _KINDS, "type")


_KINDS = frozenset({"TYPE"})
