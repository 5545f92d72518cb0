from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import AlterDomain, AlterTable, DropConstraint
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, violation, written


class BanDropConstraint(Rule):
    """
    ## What it does
    Reports `ALTER TABLE … DROP CONSTRAINT` and `ALTER DOMAIN … DROP CONSTRAINT`.

    ## Why is this bad?
    A constraint is a guarantee clients rely on: a unique key an upsert's `ON CONFLICT` names, a
    foreign key that keeps orphans out, a check that keeps values valid. Dropping it breaks the `ON
    CONFLICT` of existing clients at once and lets bad rows in.

    ## Example
    ```sql
    ALTER TABLE public.orders DROP CONSTRAINT orders_total_check;
    ```

    ## Use instead
    ```sql
    ALTER TABLE public.orders VALIDATE CONSTRAINT orders_total_check;
    ```
    """

    name = "ban-drop-constraint"
    default_level = Level.WARNING
    dialects = POSTGRES
    category = "backward-compatibility"
    reads_model = True
    statement_kinds = (
        AlterTable,
        AlterDomain,
    )
    example_history = (
        "CREATE TABLE public.orders (id bigint PRIMARY KEY, total numeric NOT NULL, note text, "
        "CONSTRAINT orders_total_check CHECK (total >= 0));"
    )
    bad_example = "ALTER TABLE public.orders DROP CONSTRAINT orders_total_check;"
    good_example = "ALTER TABLE public.orders VALIDATE CONSTRAINT orders_total_check;"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        if isinstance(statement, AlterDomain):
            if statement.action == "DROP CONSTRAINT":
                constraint = written(statement.constraint_name)
                yield violation(
                    f"dropping constraint {constraint} of domain {written(statement.name)} "
                    "removes a guarantee existing clients may rely on",
                    statement.span,
                )
            return
        assert isinstance(statement, AlterTable)
        for action in statement.actions:
            if isinstance(action, DropConstraint):
                yield violation(
                    f"dropping constraint {action.name.written} of {written(statement.table)} "
                    "removes a guarantee existing clients may rely on",
                    action.span,
                )
