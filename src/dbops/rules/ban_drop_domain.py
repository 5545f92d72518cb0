from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import Drop
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, drops_of


class BanDropDomain(Rule):
    """
    ## What it does
    Reports `DROP DOMAIN`.

    ## Why is this bad?
    Columns, casts and function signatures of clients use the domain. The application version still
    running during and after the deploy keeps using the domain: dropping it in the same release
    breaks those clients. Stop using it first, deploy, and drop it in a later migration.

    ## Example
    ```sql
    DROP DOMAIN email;
    ```

    ## Use instead
    ```sql
    -- stop using the domain, deploy, then drop it in a later release
    COMMENT ON DOMAIN email IS 'deprecated';
    ```
    """

    name = "ban-drop-domain"
    default_level = Level.WARNING
    dialects = POSTGRES
    category = "backward-compatibility"
    reads_model = True
    statement_kinds = (Drop,)
    example_history = "CREATE DOMAIN email AS text;"
    bad_example = "DROP DOMAIN email;"
    good_example = "COMMENT ON DOMAIN email IS 'deprecated';"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, Drop)
        yield from drops_of(statement, _KINDS, "domain")


_KINDS = frozenset({"DOMAIN"})
