from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AlterTable, SetTableOption
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, violation, written


class BanDisableTrigger(Rule):
    """
    ## What it does
    Reports `ALTER TABLE … ENABLE/DISABLE TRIGGER`, `ENABLE/DISABLE RULE` and the forms of `… ROW
    LEVEL SECURITY` that change what fires or applies (`DISABLE`, `FORCE`, `NO FORCE`).

    ## Why is this bad?
    Triggers and rules are side effects clients count on (audit rows, denormalized counters,
    notifications); switching them changes what every existing client's writes do, with no client
    changing.

    ## Example
    ```sql
    ALTER TABLE public.orders DISABLE TRIGGER orders_audit;
    ```

    ## Use instead
    ```sql
    ALTER TABLE public.orders ALTER COLUMN note SET STATISTICS 200;
    ```
    """

    name = "ban-disable-trigger"
    default_level = None
    dialects = POSTGRES
    category = "backward-compatibility"
    reads_model = True
    statement_kinds = (AlterTable,)
    example_history = (
        "CREATE TABLE public.orders (id bigint PRIMARY KEY, total numeric NOT NULL, note text);\n"
        "CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';\n"
        "CREATE TRIGGER orders_audit AFTER INSERT ON public.orders FOR EACH ROW EXECUTE FUNCTION "
        "audit();"
    )
    bad_example = "ALTER TABLE public.orders DISABLE TRIGGER orders_audit;"
    good_example = "ALTER TABLE public.orders ALTER COLUMN note SET STATISTICS 200;"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, AlterTable)
        for action in statement.actions:
            if isinstance(action, SetTableOption) and _switches_side_effects(action.option):
                yield violation(
                    f"{action.option} on {written(statement.table)} changes the side effects of "
                    "existing clients' statements",
                    action.span,
                )


def _switches_side_effects(option: str) -> bool:
    if option.endswith(("TRIGGER", "RULE")):
        return option.startswith(("ENABLE", "DISABLE"))
    return option in (
        "DISABLE ROW LEVEL SECURITY",
        "FORCE ROW LEVEL SECURITY",
        "NO FORCE ROW LEVEL SECURITY",
    )
