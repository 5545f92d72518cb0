from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AlterObject
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, violation, written


class BanAlterExtension(Rule):
    """
    ## What it does
    Reports `ALTER EXTENSION … UPDATE [TO version]`.

    ## Why is this bad?
    Updating an extension can change, replace or remove the functions, types and operators it
    provides, under every existing client at once.

    ## Example
    ```sql
    ALTER EXTENSION pgcrypto UPDATE;
    ```

    ## Use instead
    ```sql
    CREATE EXTENSION IF NOT EXISTS pgcrypto;
    ```
    """

    name = "ban-alter-extension"
    default_level = None
    dialects = POSTGRES
    category = "backward-compatibility"
    reads_model = True
    statement_kinds = (AlterObject,)
    bad_example = "ALTER EXTENSION pgcrypto UPDATE;"
    good_example = "CREATE EXTENSION IF NOT EXISTS pgcrypto;"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, AlterObject)
        if statement.object_kind == "EXTENSION" and statement.action == "UPDATE":
            yield violation(
                f"updating extension {written(statement.name)} can change or remove objects "
                "existing clients use",
                statement.span,
            )
