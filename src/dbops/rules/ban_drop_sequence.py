from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import Drop
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, drops_of


class BanDropSequence(Rule):
    """
    ## What it does
    Reports `DROP SEQUENCE`.

    ## Why is this bad?
    Clients call `nextval` on sequences, and column defaults draw from them. The application version
    still running during and after the deploy keeps using the sequence: dropping it in the same
    release breaks those clients. Stop using it first, deploy, and drop it in a later migration.

    ## Example
    ```sql
    DROP SEQUENCE invoice_numbers;
    ```

    ## Use instead
    ```sql
    -- stop using the sequence, deploy, then drop it in a later release
    COMMENT ON SEQUENCE invoice_numbers IS 'deprecated';
    ```
    """

    name = "ban-drop-sequence"
    default_level = Level.WARNING
    dialects = POSTGRES
    category = "backward-compatibility"
    reads_model = True
    statement_kinds = (Drop,)
    example_history = "CREATE SEQUENCE invoice_numbers;"
    bad_example = "DROP SEQUENCE invoice_numbers;"
    good_example = "COMMENT ON SEQUENCE invoice_numbers IS 'deprecated';"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, Drop)
        yield from drops_of(statement, _KINDS, "sequence")


_KINDS = frozenset({"SEQUENCE"})
