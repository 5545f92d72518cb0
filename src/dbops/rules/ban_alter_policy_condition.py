from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AlterObject
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, violation, written


class BanAlterPolicyCondition(Rule):
    """
    ## What it does
    Reports `ALTER POLICY … USING (…)` and `ALTER POLICY … WITH CHECK (…)`.

    ## Why is this bad?
    A policy's conditions decide which rows clients see (USING) and may write (WITH CHECK); changing
    them changes access for every existing client at once.

    ## Example
    ```sql
    ALTER POLICY owner_only ON public.orders USING (true);
    ```

    ## Use instead
    ```sql
    ALTER POLICY owner_only ON public.orders RENAME TO owner_rows;
    ```
    """

    name = "ban-alter-policy-condition"
    default_level = None
    dialects = POSTGRES
    category = "backward-compatibility"
    reads_model = True
    statement_kinds = (AlterObject,)
    example_history = (
        "CREATE TABLE public.orders (id bigint PRIMARY KEY, total numeric NOT NULL, note text);\n"
        "CREATE POLICY owner_only ON public.orders USING (note = current_user);"
    )
    bad_example = "ALTER POLICY owner_only ON public.orders USING (true);"
    good_example = "ALTER POLICY owner_only ON public.orders RENAME TO owner_rows;"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, AlterObject)
        if statement.object_kind == "POLICY" and {"using", "with check"} & set(statement.changes):
            yield violation(
                f"changing the condition of policy {written(statement.name)} on "
                f"{written(statement.on_table)} changes access for existing clients",
                statement.span,
            )
