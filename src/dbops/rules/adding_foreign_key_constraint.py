from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from dbops.core.findings import Level
from dbops.core.statements import AlterTable, ConstraintKind
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.fix_edits import not_valid_split
from dbops.rules.facts.lock_safety import (
    SET_LOCK_TIMEOUT,
    at,
    constraint_label,
    validated_on_existing_table,
)


class AddingForeignKeyConstraint(Rule):
    """
    ## What it does
    Reports a foreign key added to an existing table without `NOT VALID`, by `ADD CONSTRAINT`
    or on a column `ADD COLUMN … REFERENCES` adds (PostgreSQL). A table created earlier in the
    same file has no rows and is not reported.

    ## Why is this bad?
    Adding a validated foreign key scans the whole table while a SHARE ROW EXCLUSIVE lock
    blocks writes on both the table and the referenced table.

    ## Example
    ```sql
    ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
    ```

    ## Use instead
    ```sql
    SET lock_timeout = '2s';
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
    reads_model = True
    statement_kinds = (AlterTable,)
    example_history = (
        "CREATE TABLE users (id bigint PRIMARY KEY);\n"
        "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL);"
    )
    bad_example = (
        "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) "
        "REFERENCES users (id);"
    )
    good_example = SET_LOCK_TIMEOUT + (
        "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) "
        "REFERENCES users (id) NOT VALID;"
    )

    def check(self, context: StatementContext) -> Iterator[Violation]:
        for added in validated_on_existing_table(context, ConstraintKind.FOREIGN_KEY):
            target = added.constraint.references
            referenced = f" and {target.table.written}" if target is not None else ""
            advice = (
                "add the column, then the foreign key NOT VALID"
                if added.inline
                else "add it NOT VALID"
            )
            violation = at(
                added.span,
                f"{constraint_label(added)} validates every row while a SHARE ROW EXCLUSIVE "
                f"lock blocks writes to {added.table.written}{referenced}; "
                f"{advice}, then VALIDATE CONSTRAINT in a later migration",
            )
            later = "VALIDATE CONSTRAINT it in a later migration"
            yield replace(violation, fix=not_valid_split(context, added.constraint, later))
