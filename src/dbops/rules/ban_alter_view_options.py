from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AlterObject
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, violation, written


class BanAlterViewOptions(Rule):
    """
    ## What it does
    Reports `ALTER VIEW … SET (…)` and `ALTER VIEW … RESET (…)`: `security_barrier`,
    `security_invoker`, `check_option`.

    ## Why is this bad?
    View options change what clients get through the view: `security_invoker` switches whose
    privileges and row level security apply, `check_option` starts rejecting writes,
    `security_barrier` changes plans.

    ## Example
    ```sql
    ALTER VIEW public.open_orders SET (security_invoker = true);
    ```

    ## Use instead
    ```sql
    ALTER VIEW public.open_orders RENAME TO pending_orders;
    ```
    """

    name = "ban-alter-view-options"
    default_level = None
    dialects = POSTGRES
    category = "backward-compatibility"
    reads_model = True
    statement_kinds = (AlterObject,)
    example_history = (
        "CREATE TABLE public.orders (id bigint PRIMARY KEY, total numeric NOT NULL, note text);\n"
        "CREATE VIEW public.open_orders AS SELECT * FROM public.orders;"
    )
    bad_example = "ALTER VIEW public.open_orders SET (security_invoker = true);"
    good_example = "ALTER VIEW public.open_orders RENAME TO pending_orders;"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, AlterObject)
        if statement.object_kind == "VIEW" and statement.action in ("SET OPTIONS", "RESET OPTIONS"):
            options = ", ".join(statement.changes)
            yield violation(
                f"changing {options} of view {written(statement.name)} may change behaviour for "
                "existing clients",
                statement.span,
            )
