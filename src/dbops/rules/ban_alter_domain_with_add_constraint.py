from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import AlterDomain
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, violation, written


class BanAlterDomainWithAddConstraint(Rule):
    """
    ## What it does
    Reports `ALTER DOMAIN … ADD CONSTRAINT`.

    ## Why is this bad?
    Adding a constraint to a domain checks every column of every table that uses the domain while it
    locks them, a scan of each such table in one statement (even NOT VALID applies at once to new
    writes). Put the constraint on the columns instead (`ADD CONSTRAINT … NOT VALID`, then `VALIDATE
    CONSTRAINT`).

    ## Example
    ```sql
    ALTER DOMAIN amount ADD CONSTRAINT amount_positive CHECK (VALUE > 0);
    ```

    ## Use instead
    ```sql
    ALTER DOMAIN amount RENAME TO money_amount;
    ```
    """

    name = "ban-alter-domain-with-add-constraint"
    default_level = Level.WARNING
    dialects = POSTGRES
    category = "lock-safety"
    reads_model = True
    statement_kinds = (AlterDomain,)
    example_history = "CREATE DOMAIN amount AS numeric;"
    bad_example = "ALTER DOMAIN amount ADD CONSTRAINT amount_positive CHECK (VALUE > 0);"
    good_example = "ALTER DOMAIN amount RENAME TO money_amount;"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, AlterDomain)
        if statement.action == "ADD CONSTRAINT":
            yield violation(
                f"adding a constraint to domain {written(statement.name)} checks every column "
                "using it under lock; constrain the columns instead",
                statement.span,
            )
