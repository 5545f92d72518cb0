from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import CreateDomain
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, violation, written


class BanCreateDomainWithConstraint(Rule):
    """
    ## What it does
    Reports `CREATE DOMAIN` with a `CHECK` or `NOT NULL` constraint.

    ## Why is this bad?
    Constraints on a domain cannot be changed online later: `ALTER DOMAIN … ADD CONSTRAINT` checks
    every column of every table using the domain while holding locks on them, and there is no way to
    add one NOT VALID and validate it without that scan per table. Put constraints on the tables'
    columns instead, where NOT VALID + VALIDATE works.

    ## Example
    ```sql
    CREATE DOMAIN positive_amount AS numeric CHECK (VALUE > 0);
    ```

    ## Use instead
    ```sql
    CREATE DOMAIN amount AS numeric;
    ```
    """

    name = "ban-create-domain-with-constraint"
    default_level = Level.WARNING
    dialects = POSTGRES
    category = "lock-safety"
    reads_model = True
    statement_kinds = (CreateDomain,)
    bad_example = "CREATE DOMAIN positive_amount AS numeric CHECK (VALUE > 0);"
    good_example = "CREATE DOMAIN amount AS numeric;"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, CreateDomain)
        if statement.checks or statement.not_null:
            yield violation(
                f"domain {written(statement.name)} has a constraint; domain constraints cannot be "
                "changed online: put them on table columns instead",
                statement.span,
            )
