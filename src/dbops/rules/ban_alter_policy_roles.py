from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AlterObject
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, violation, written


class BanAlterPolicyRoles(Rule):
    """
    ## What it does
    Reports `ALTER POLICY … TO role, …`.

    ## Why is this bad?
    The roles a policy applies to decide who gets the rows it allows; changing them grants or takes
    away access for existing clients connecting as those roles.

    ## Example
    ```sql
    ALTER POLICY owner_only ON public.orders TO reporting;
    ```

    ## Use instead
    ```sql
    ALTER POLICY owner_only ON public.orders RENAME TO owner_rows;
    ```
    """

    name = "ban-alter-policy-roles"
    default_level = None
    dialects = POSTGRES
    category = "backward-compatibility"
    reads_model = True
    statement_kinds = (AlterObject,)
    example_history = (
        "CREATE TABLE public.orders (id bigint PRIMARY KEY, total numeric NOT NULL, note text);\n"
        "CREATE POLICY owner_only ON public.orders USING (note = current_user);"
    )
    bad_example = "ALTER POLICY owner_only ON public.orders TO reporting;"
    good_example = "ALTER POLICY owner_only ON public.orders RENAME TO owner_rows;"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, AlterObject)
        if statement.object_kind == "POLICY" and "to" in statement.changes:
            yield violation(
                f"changing the roles of policy {written(statement.name)} on "
                f"{written(statement.on_table)} changes access for existing clients",
                statement.span,
            )
