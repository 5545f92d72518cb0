from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AlterObject
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, violation


class BanAlterSystemOptions(Rule):
    """
    ## What it does
    Reports `ALTER SYSTEM SET …` and `ALTER SYSTEM RESET …`.

    ## Why is this bad?
    ALTER SYSTEM rewrites the server's configuration (postgresql.auto.conf) for every database and
    client on the server, outside the migration's transaction and beyond its rollback.

    ## Example
    ```sql
    ALTER SYSTEM SET work_mem = '64MB';
    ```

    ## Use instead
    ```sql
    SET work_mem = '64MB';
    ```
    """

    name = "ban-alter-system-options"
    default_level = None
    dialects = POSTGRES
    category = "backward-compatibility"
    reads_model = True
    statement_kinds = (AlterObject,)
    bad_example = "ALTER SYSTEM SET work_mem = '64MB';"
    good_example = "SET work_mem = '64MB';"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, AlterObject)
        if statement.object_kind == "SYSTEM":
            yield violation(
                f"ALTER SYSTEM changes {statement.setting} for every client of the server",
                statement.span,
            )
