from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import Drop
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, drops_of


class BanDropExtension(Rule):
    """
    ## What it does
    Reports `DROP EXTENSION`.

    ## Why is this bad?
    Dropping an extension also removes its functions, types and operators, which queries of existing
    clients call. The application version still running during and after the deploy keeps using the
    extension: dropping it in the same release breaks those clients. Stop using it first, deploy,
    and drop it in a later migration.

    ## Example
    ```sql
    DROP EXTENSION pgcrypto;
    ```

    ## Use instead
    ```sql
    -- stop using the extension, deploy, then drop it in a later release
    COMMENT ON EXTENSION pgcrypto IS 'still in use';
    ```
    """

    name = "ban-drop-extension"
    default_level = Level.WARNING
    dialects = POSTGRES
    category = "backward-compatibility"
    reads_model = True
    statement_kinds = (Drop,)
    example_history = "CREATE EXTENSION IF NOT EXISTS pgcrypto;"
    bad_example = "DROP EXTENSION pgcrypto;"
    good_example = "COMMENT ON EXTENSION pgcrypto IS 'still in use';"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, Drop)
        yield from drops_of(statement, _KINDS, "extension")


_KINDS = frozenset({"EXTENSION"})
