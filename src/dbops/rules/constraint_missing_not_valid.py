from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from dbops.core.findings import Level
from dbops.core.statements import (
    AddConstraint,
    AlterTable,
    ConstraintKind,
    Name,
    ValidateConstraint,
)
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.fix_edits import not_valid_split
from dbops.rules.facts.lock_safety import (
    SET_LOCK_TIMEOUT,
    at,
    constraint_label,
    created_in_this_file,
    validated_on_existing_table,
)
from dbops.rules.facts.lock_safety_transactions import same_transaction


class ConstraintMissingNotValid(Rule):
    """
    ## What it does
    Reports a CHECK constraint added to an existing table without `NOT VALID`, by `ADD
    CONSTRAINT` or on a column `ADD COLUMN` adds, and a `VALIDATE CONSTRAINT` of a CHECK added
    `NOT VALID` in the same transaction (PostgreSQL). dbops runs every file in a transaction
    unless it is marked `-- dbops:no-transaction`.

    ## Why is this bad?
    PostgreSQL checks every existing row while an ACCESS EXCLUSIVE lock blocks reads and writes.
    With `NOT VALID` only new rows are checked; `VALIDATE CONSTRAINT` later scans under a lock
    that lets reads and writes continue — but only in a later transaction: in the one that
    added the constraint, its ACCESS EXCLUSIVE lock is still held for the whole scan.

    ## Example
    ```sql
    ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0);
    ```

    ## Use instead
    ```sql
    SET lock_timeout = '2s';
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
    good_example = SET_LOCK_TIMEOUT + (
        "ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0) NOT VALID;"
    )

    def check(self, context: StatementContext) -> Iterator[Violation]:
        for added in validated_on_existing_table(context, ConstraintKind.CHECK):
            advice = (
                "add the column, then the CHECK as ADD CONSTRAINT … NOT VALID"
                if added.inline
                else "add it NOT VALID"
            )
            violation = at(
                added.span,
                f"{constraint_label(added)} scans {added.table.written} under an ACCESS "
                f"EXCLUSIVE lock that blocks reads and writes; {advice}, then VALIDATE "
                f"CONSTRAINT separately",
            )
            later = "VALIDATE CONSTRAINT it in a later migration"
            yield replace(violation, fix=not_valid_split(context, added.constraint, later))
        yield from _validated_too_soon(context)


def _validated_too_soon(context: StatementContext) -> Iterator[Violation]:
    statement = context.statement
    if not isinstance(statement, AlterTable) or created_in_this_file(context, statement.table):
        return
    validated = [a for a in statement.actions if isinstance(a, ValidateConstraint)]
    if not validated:
        return
    added = _checks_added_not_valid(context, statement)
    for action in validated:
        if action.name.value in added:
            yield at(
                action.span,
                f'VALIDATE CONSTRAINT "{action.name.written}" runs in the transaction that '
                f"added it NOT VALID, whose ACCESS EXCLUSIVE lock on "
                f"{statement.table.written} is still held for the scan; validate it in a "
                f"later migration",
            )


def _checks_added_not_valid(context: StatementContext, statement: AlterTable) -> set[str]:
    key = context.schema.key_of(statement.table)
    names: set[str] = set()
    for earlier in same_transaction(context):
        if isinstance(earlier, AlterTable) and context.schema.key_of(earlier.table) == key:
            names.update(
                _name(action.constraint.name)
                for action in earlier.actions
                if isinstance(action, AddConstraint)
                and action.constraint.kind is ConstraintKind.CHECK
                and action.constraint.not_valid
                and action.constraint.name is not None
            )
    return names


def _name(name: Name | None) -> str:
    return name.value if name is not None else ""
