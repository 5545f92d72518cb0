from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AlterType
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, violation, written


class BanAddCompositeAttribute(Rule):
    """
    ## What it does
    Reports `ALTER TYPE … ADD ATTRIBUTE` on a composite type.

    ## Why is this bad?
    Clients decode composite values by position and count: a new attribute changes the shape of
    every value they receive.

    ## Example
    ```sql
    ALTER TYPE address ADD ATTRIBUTE country text;
    ```

    ## Use instead
    ```sql
    CREATE TYPE address_v2 AS (street text, city text, country text);
    ```
    """

    name = "ban-add-composite-attribute"
    default_level = None
    dialects = POSTGRES
    category = "backward-compatibility"
    reads_model = True
    statement_kinds = (AlterType,)
    example_history = "CREATE TYPE address AS (street text, city text);"
    bad_example = "ALTER TYPE address ADD ATTRIBUTE country text;"
    good_example = "CREATE TYPE address_v2 AS (street text, city text, country text);"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, AlterType)
        if "ADD ATTRIBUTE" in statement.action.split(", "):
            yield violation(
                f"adding an attribute to composite type {written(statement.name)} changes the "
                "values existing clients receive",
                statement.span,
            )
