from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AddConstraint, AlterTable, ConstraintKind
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.lock_safety import at


class StatementAddForeignKeyNotValid(Rule):
    """
    ## What it does
    Reports `ALTER TABLE … ADD … FOREIGN KEY` without `NOT VALID`, on any table, as Bytebase's
    `statement.add-foreign-key-not-valid` does (PostgreSQL).

    ## Why is this bad?
    Validating a new foreign key reads every row while both tables are locked against writes.
    Adding it `NOT VALID` and validating it in a later migration keeps the lock short. This
    rule asks for the habit everywhere, on new tables too; `adding-foreign-key-constraint`
    reports only the foreign keys that really lock a table with rows.

    ## Example
    ```sql
    ALTER TABLE orders ADD CONSTRAINT orders_customer_fk
      FOREIGN KEY (customer_id) REFERENCES customers (id);
    ```

    ## Use instead
    ```sql
    ALTER TABLE orders ADD CONSTRAINT orders_customer_fk
      FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
    ```
    """

    name = "statement-add-foreign-key-not-valid"
    bytebase_type = "statement.add-foreign-key-not-valid"
    default_level = None
    dialects = frozenset({"postgres"})
    category = "statement"
    reads_model = True
    statement_kinds = (AlterTable,)
    example_history = (
        "CREATE TABLE customers (id bigint PRIMARY KEY);\n"
        "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);"
    )
    bad_example = (
        "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) "
        "REFERENCES customers (id);"
    )
    good_example = (
        "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) "
        "REFERENCES customers (id) NOT VALID;"
    )

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, AlterTable)
        for action in statement.actions:
            if not isinstance(action, AddConstraint):
                continue
            constraint = action.constraint
            if constraint.kind is ConstraintKind.FOREIGN_KEY and not constraint.not_valid:
                yield at(
                    action.span,
                    f"foreign key added to {statement.table.written} without NOT VALID: "
                    f"validating it reads every row while writes to both tables wait; add it "
                    f"NOT VALID, then VALIDATE CONSTRAINT in a later migration",
                )
