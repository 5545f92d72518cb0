from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AlterObject
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, violation, written


class BanAlterDatabaseOptions(Rule):
    """
    ## What it does
    Reports `ALTER DATABASE …` changing options (CONNECTION LIMIT, ALLOW_CONNECTIONS, IS_TEMPLATE,
    TABLESPACE) or settings (`SET name = …`, `RESET`).

    ## Why is this bad?
    Database settings apply to every new session of every client: a changed `search_path`,
    `statement_timeout` or `default_transaction_isolation` changes behaviour everywhere, and a
    connection limit refuses clients.

    ## Example
    ```sql
    ALTER DATABASE shop SET statement_timeout = '5s';
    ```

    ## Use instead
    ```sql
    SET statement_timeout = '5s';
    ```
    """

    name = "ban-alter-database-options"
    default_level = None
    dialects = POSTGRES
    category = "backward-compatibility"
    reads_model = True
    statement_kinds = (AlterObject,)
    bad_example = "ALTER DATABASE shop SET statement_timeout = '5s';"
    good_example = "SET statement_timeout = '5s';"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, AlterObject)
        if statement.object_kind == "DATABASE" and statement.action in _CHANGES:
            yield violation(
                f"changing the configuration of database {written(statement.name)} changes "
                "behaviour for existing clients",
                statement.span,
            )


_CHANGES = frozenset({"OPTIONS", "SET CONFIG", "RESET CONFIG"})
