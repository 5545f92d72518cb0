from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.schema import CHECK
from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.shapes import validated_constraints_on_existing_table


class ConstraintMissingNotValid(Rule):
    """
    ## What it does
    Reports a CHECK constraint added to an existing table without `NOT VALID` (PostgreSQL).

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
    example_history = "CREATE TABLE orders (id bigint PRIMARY KEY, amount int NOT NULL);"
    bad_example = "ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0);"
    good_example = (
        "ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0) NOT VALID;"
    )

    def check(self, context: RuleContext) -> Iterator[Violation]:
        for _key in validated_constraints_on_existing_table(context, CHECK):
            yield Violation(
                "adding a CHECK constraint scans the table under an exclusive lock; add it "
                "NOT VALID, then VALIDATE CONSTRAINT separately"
            )
