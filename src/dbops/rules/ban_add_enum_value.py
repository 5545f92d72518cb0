from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AlterType
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, violation, written


class BanAddEnumValue(Rule):
    """
    ## What it does
    Reports `ALTER TYPE … ADD VALUE`.

    ## Why is this bad?
    Existing clients map the enum to a closed set of values (generated enums, switch statements,
    validation): the first row with the new value breaks their decoding.

    ## Example
    ```sql
    ALTER TYPE mood ADD VALUE 'calm' AFTER 'sad';
    ```

    ## Use instead
    ```sql
    CREATE TYPE mood_v2 AS ENUM ('sad', 'calm', 'happy');
    ```
    """

    name = "ban-add-enum-value"
    default_level = None
    dialects = POSTGRES
    category = "backward-compatibility"
    reads_model = True
    statement_kinds = (AlterType,)
    example_history = "CREATE TYPE mood AS ENUM ('sad', 'happy');"
    bad_example = "ALTER TYPE mood ADD VALUE 'calm' AFTER 'sad';"
    good_example = "CREATE TYPE mood_v2 AS ENUM ('sad', 'calm', 'happy');"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, AlterType)
        if statement.action == "ADD VALUE":
            yield violation(
                f"adding value '{statement.value}' to {written(statement.name)} changes the values "
                "existing clients can receive",
                statement.span,
            )
