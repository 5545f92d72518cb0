from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.schema import FOREIGN
from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.shapes import validated_constraints_on_existing_table


class AddingForeignKeyConstraint(Rule):
    """
    ## What it does
    Reports a foreign key added to an existing table without `NOT VALID` (PostgreSQL).

    ## Why is this bad?
    Adding a validated foreign key scans the whole table while a SHARE ROW EXCLUSIVE lock
    blocks writes on both the table and the referenced table.

    ## Example
    ```sql
    ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
    ```

    ## Use instead
    ```sql
    ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id)
      REFERENCES users (id) NOT VALID;
    -- next migration: ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;
    ```
    """

    name = "adding-foreign-key-constraint"
    bytebase_type = "statement.add-foreign-key-not-valid"
    default_level = Level.WARNING
    dialects = frozenset({"postgres"})
    category = "lock-safety"
    example_history = (
        "CREATE TABLE users (id bigint PRIMARY KEY);\n"
        "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL);"
    )
    bad_example = (
        "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) "
        "REFERENCES users (id);"
    )
    good_example = (
        "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) "
        "REFERENCES users (id) NOT VALID;"
    )

    def check(self, context: RuleContext) -> Iterator[Violation]:
        for _key in validated_constraints_on_existing_table(context, FOREIGN):
            yield Violation(
                "adding a foreign key validates every row while writes are blocked; add it "
                "NOT VALID, then VALIDATE CONSTRAINT in a later migration"
            )
