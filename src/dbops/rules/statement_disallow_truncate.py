from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import Truncate
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.pointing import violation_at


class StatementDisallowTruncate(Rule):
    """
    ## What it does
    Reports `TRUNCATE`.

    ## Why is this bad?
    TRUNCATE removes every row at once, bypasses DELETE triggers, and (on MySQL) cannot be
    rolled back. In a migration it is almost always a mistake that destroys production data.

    ## Example
    ```sql
    TRUNCATE TABLE sessions;
    ```

    ## Use instead
    ```sql
    DELETE FROM sessions WHERE expires_at < now();
    ```
    """

    name = "statement-disallow-truncate"
    bytebase_type = "statement.disallow-truncate"
    default_level = Level.WARNING
    category = "statement"
    bad_example = "TRUNCATE TABLE sessions;"
    good_example = "DELETE FROM sessions WHERE expires_at < now();"
    reads_model = True
    statement_kinds = (Truncate,)

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, Truncate)
        for table in statement.tables:
            yield violation_at(
                f"TRUNCATE removes every row of {table.written}",
                table.span,
                table.name.span,
                statement.span,
            )
