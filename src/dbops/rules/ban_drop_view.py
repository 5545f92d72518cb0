from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import Drop
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, drops_of


class BanDropView(Rule):
    """
    ## What it does
    Reports `DROP VIEW` (and `DROP MATERIALIZED VIEW`).

    ## Why is this bad?
    Queries, reports and other services select from views by name. The application version still
    running during and after the deploy keeps using the view: dropping it in the same release breaks
    those clients. Stop using it first, deploy, and drop it in a later migration.

    ## Example
    ```sql
    DROP VIEW active_users;
    ```

    ## Use instead
    ```sql
    -- stop using the view, deploy, then drop it in a later release
    COMMENT ON VIEW active_users IS 'deprecated';
    ```
    """

    name = "ban-drop-view"
    default_level = Level.WARNING
    dialects = POSTGRES
    category = "backward-compatibility"
    reads_model = True
    statement_kinds = (Drop,)
    example_history = "CREATE VIEW active_users AS SELECT 1 AS id;"
    bad_example = "DROP VIEW active_users;"
    good_example = "COMMENT ON VIEW active_users IS 'deprecated';"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, Drop)
        yield from drops_of(statement, _KINDS, "view")


_KINDS = frozenset({"MATERIALIZED VIEW", "VIEW"})
