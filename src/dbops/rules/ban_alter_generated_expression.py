from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AddColumn, AlterTable, Generated, SetColumnOption
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, violation, written


class BanAlterGeneratedExpression(Rule):
    """
    ## What it does
    Reports `ALTER TABLE … ALTER COLUMN … SET EXPRESSION AS (…)` (PostgreSQL 17+), which changes how
    a generated column is computed, and a new column clients may not write: `GENERATED ALWAYS AS (…)
    STORED` or `GENERATED ALWAYS AS IDENTITY`.

    ## Why is this bad?
    Existing clients read the column expecting the old expression's values (SET EXPRESSION also
    rewrites the table under an ACCESS EXCLUSIVE lock); and an INSERT that lists every column, or
    copies rows with `INSERT … SELECT *`, fails once a column rejects written values.

    ## Example
    ```sql
    ALTER TABLE public.orders ALTER COLUMN total_cents
      SET EXPRESSION AS ((total * 1000)::bigint);
    ```

    ## Use instead
    ```sql
    ALTER TABLE public.orders ADD COLUMN total_mills bigint;
    ```
    """

    name = "ban-alter-generated-expression"
    default_level = None
    dialects = POSTGRES
    category = "backward-compatibility"
    reads_model = True
    statement_kinds = (AlterTable,)
    example_history = (
        "CREATE TABLE public.orders (id bigint PRIMARY KEY, total numeric NOT NULL,\ntotal_cents "
        "bigint GENERATED ALWAYS AS ((total * 100)::bigint) STORED);"
    )
    bad_example = (
        "ALTER TABLE public.orders ALTER COLUMN total_cents\nSET EXPRESSION AS ((total * "
        "1000)::bigint);"
    )
    good_example = "ALTER TABLE public.orders ADD COLUMN total_mills bigint;"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, AlterTable)
        table = written(statement.table)
        for action in statement.actions:
            if isinstance(action, SetColumnOption) and action.option == "SET EXPRESSION":
                yield violation(
                    f"changing the generation expression of {table}.{action.column.written} "
                    "changes values existing clients read",
                    action.span,
                )
            elif isinstance(action, AddColumn) and action.column.generated in _UNWRITABLE:
                yield violation(
                    f"new generated column {action.column.name.written} on {table} rejects the "
                    "values existing clients' inserts write",
                    action.span,
                )


_UNWRITABLE = (Generated.STORED, Generated.VIRTUAL, Generated.IDENTITY_ALWAYS)
