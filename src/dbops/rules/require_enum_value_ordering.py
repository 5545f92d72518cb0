from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import AlterType
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, violation, written


class RequireEnumValueOrdering(Rule):
    """
    ## What it does
    Reports `ALTER TYPE … ADD VALUE` without `BEFORE` or `AFTER`.

    ## Why is this bad?
    Enums sort by their declared order, not alphabetically: a value appended at the end sorts after
    every other one, so `ORDER BY`, `<` and `max()` on the column may give results nobody intended.
    Say where the value belongs.

    ## Example
    ```sql
    ALTER TYPE mood ADD VALUE 'calm';
    ```

    ## Use instead
    ```sql
    ALTER TYPE mood ADD VALUE 'calm' AFTER 'sad';
    ```
    """

    name = "require-enum-value-ordering"
    default_level = Level.WARNING
    dialects = POSTGRES
    category = "backward-compatibility"
    reads_model = True
    statement_kinds = (AlterType,)
    example_history = "CREATE TYPE mood AS ENUM ('sad', 'happy');"
    bad_example = "ALTER TYPE mood ADD VALUE 'calm';"
    good_example = "ALTER TYPE mood ADD VALUE 'calm' AFTER 'sad';"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, AlterType)
        if statement.action == "ADD VALUE" and not (statement.before or statement.after):
            yield violation(
                f"ADD VALUE '{statement.value}' without BEFORE or AFTER appends it to the end of "
                f"{written(statement.name)}, which decides how it sorts",
                statement.span,
            )
