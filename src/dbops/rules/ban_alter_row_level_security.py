from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AlterTable, SetTableOption
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, violation, written


class BanAlterRowLevelSecurity(Rule):
    """
    ## What it does
    Reports `ALTER TABLE … ENABLE | DISABLE | FORCE | NO FORCE ROW LEVEL SECURITY`.

    ## Why is this bad?
    Row level security decides which rows each role sees and may write: enabling it with no policy
    hides every row from existing clients, disabling it exposes rows they never saw.

    ## Example
    ```sql
    ALTER TABLE public.orders ENABLE ROW LEVEL SECURITY;
    ```

    ## Use instead
    ```sql
    ALTER TABLE public.orders ALTER COLUMN note SET STATISTICS 200;
    ```
    """

    name = "ban-alter-row-level-security"
    default_level = None
    dialects = POSTGRES
    category = "backward-compatibility"
    reads_model = True
    statement_kinds = (AlterTable,)
    example_history = (
        "CREATE TABLE public.orders (id bigint PRIMARY KEY, total numeric NOT NULL, note text);"
    )
    bad_example = "ALTER TABLE public.orders ENABLE ROW LEVEL SECURITY;"
    good_example = "ALTER TABLE public.orders ALTER COLUMN note SET STATISTICS 200;"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, AlterTable)
        for action in statement.actions:
            if isinstance(action, SetTableOption) and action.option.endswith("ROW LEVEL SECURITY"):
                yield violation(
                    f"{action.option} on {written(statement.table)} changes which rows existing "
                    "clients can read and write",
                    action.span,
                )
