from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import Drop
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, drops_of


class BanDropSchema(Rule):
    """
    ## What it does
    Reports `DROP SCHEMA`.

    ## Why is this bad?
    Every object in the schema goes with it (with CASCADE), and clients' search_path and qualified
    names point at it. The application version still running during and after the deploy keeps using
    the schema: dropping it in the same release breaks those clients. Stop using it first, deploy,
    and drop it in a later migration.

    ## Example
    ```sql
    DROP SCHEMA reporting;
    ```

    ## Use instead
    ```sql
    -- stop using the schema, deploy, then drop it in a later release
    COMMENT ON SCHEMA reporting IS 'deprecated';
    ```
    """

    name = "ban-drop-schema"
    default_level = Level.WARNING
    dialects = POSTGRES
    category = "backward-compatibility"
    reads_model = True
    statement_kinds = (Drop,)
    example_history = "CREATE SCHEMA reporting;"
    bad_example = "DROP SCHEMA reporting;"
    good_example = "COMMENT ON SCHEMA reporting IS 'deprecated';"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, Drop)
        yield from drops_of(statement, _KINDS, "schema")


_KINDS = frozenset({"SCHEMA"})
