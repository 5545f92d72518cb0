from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AlterObject
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, violation, written


class BanAlterRoleOptions(Rule):
    """
    ## What it does
    Reports `ALTER ROLE | USER …` changing a role's options (LOGIN, PASSWORD, CONNECTION LIMIT,
    VALID UNTIL, …) or its settings (`SET name = …`, `RESET`).

    ## Why is this bad?
    Existing clients connect as these roles: NOLOGIN, an expired password or a connection limit
    locks them out, and a changed setting changes how their sessions behave.

    ## Example
    ```sql
    ALTER ROLE reporting NOLOGIN;
    ```

    ## Use instead
    ```sql
    ALTER ROLE reporting RENAME TO analytics;
    ```
    """

    name = "ban-alter-role-options"
    default_level = None
    dialects = POSTGRES
    category = "backward-compatibility"
    reads_model = True
    statement_kinds = (AlterObject,)
    bad_example = "ALTER ROLE reporting NOLOGIN;"
    good_example = "ALTER ROLE reporting RENAME TO analytics;"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, AlterObject)
        if statement.object_kind == "ROLE" and statement.action in _CHANGES:
            yield violation(
                f"changing role {written(statement.name)} may change access and behaviour for "
                "existing clients",
                statement.span,
            )


_CHANGES = frozenset({"OPTIONS", "SET CONFIG", "RESET CONFIG"})
