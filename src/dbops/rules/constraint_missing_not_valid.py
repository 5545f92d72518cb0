from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import AlterTable, ConstraintKind
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.lock_safety import at, constraint_label, validated_on_existing_table


class ConstraintMissingNotValid(Rule):
    """
    ## What it does
    Reports a CHECK constraint added to an existing table without `NOT VALID`, by `ADD
    CONSTRAINT` or on a column `ADD COLUMN` adds (PostgreSQL).

    ## Why is this bad?
    PostgreSQL checks every existing row while an ACCESS EXCLUSIVE lock blocks reads and writes.
    With `NOT VALID` only new rows are checked; `VALIDATE CONSTRAINT` later scans under a lock
    that lets reads and writes continue.

    ## Example
    ```sql
    ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0);
    ```

    ## Use instead
    ```sql
    ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0) NOT VALID;
    ```
    """

    name = "constraint-missing-not-valid"
    bytebase_type = "statement.add-check-not-valid"
    default_level = Level.WARNING
    dialects = frozenset({"postgres"})
    category = "lock-safety"
    reads_model = True
    statement_kinds = (AlterTable,)
    example_history = "CREATE TABLE orders (id bigint PRIMARY KEY, amount int NOT NULL);"
    bad_example = "ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0);"
    good_example = (
        "ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0) NOT VALID;"
    )

    def check(self, context: StatementContext) -> Iterator[Violation]:
        for added in validated_on_existing_table(context, ConstraintKind.CHECK):
            advice = (
                "add the column, then the CHECK as ADD CONSTRAINT … NOT VALID"
                if added.inline
                else "add it NOT VALID"
            )
            yield at(
                added.span,
                f"{constraint_label(added)} scans {added.table.written} under an ACCESS "
                f"EXCLUSIVE lock that blocks reads and writes; {advice}, then VALIDATE "
                f"CONSTRAINT separately",
            )
