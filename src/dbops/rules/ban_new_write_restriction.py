from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import (
    AddColumn,
    AddConstraint,
    AlterDomain,
    AlterTable,
    CreateIndex,
    SetNotNull,
)
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, violation, written


class BanNewWriteRestriction(Rule):
    """
    ## What it does
    Reports what can make writes of existing clients fail: a new constraint (even NOT VALID: it
    applies to new rows at once), `SET NOT NULL`, a new column with NOT NULL, CHECK, UNIQUE, PRIMARY
    KEY or REFERENCES, a new unique index (also CONCURRENTLY), and a domain's new constraint or NOT
    NULL.

    ## Why is this bad?
    The version of the application that is running was written without the restriction: its inserts
    and updates that break it start failing the moment the migration commits.

    ## Example
    ```sql
    ALTER TABLE public.orders
      ADD CONSTRAINT orders_note_length CHECK (length(note) < 500) NOT VALID;
    ```

    ## Use instead
    ```sql
    ALTER TABLE public.orders ADD COLUMN currency text;
    ```
    """

    name = "ban-new-write-restriction"
    default_level = None
    dialects = POSTGRES
    category = "backward-compatibility"
    reads_model = True
    statement_kinds = (
        AlterTable,
        AlterDomain,
        CreateIndex,
    )
    example_history = (
        "CREATE TABLE public.orders (id bigint PRIMARY KEY, total numeric NOT NULL, note text);"
    )
    bad_example = (
        "ALTER TABLE public.orders\nADD CONSTRAINT orders_note_length CHECK (length(note) < 500) "
        "NOT VALID;"
    )
    good_example = "ALTER TABLE public.orders ADD COLUMN currency text;"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        if isinstance(statement, CreateIndex):
            if statement.unique:
                yield violation(
                    f"unique index {written(statement.name)} on {written(statement.table)} can "
                    "reject writes of existing clients",
                    statement.span,
                )
            return
        if isinstance(statement, AlterDomain):
            if statement.action in ("ADD CONSTRAINT", "SET NOT NULL"):
                yield violation(
                    f"{statement.action} on domain {written(statement.name)} can reject writes of "
                    "existing clients, even when NOT VALID",
                    statement.span,
                )
            return
        assert isinstance(statement, AlterTable)
        table = written(statement.table)
        for action in statement.actions:
            if isinstance(action, AddConstraint):
                kind = action.constraint.kind.value.upper()
                yield violation(
                    f"new {kind} constraint on {table} can reject writes of existing clients, even "
                    "when NOT VALID",
                    action.span,
                )
            elif isinstance(action, SetNotNull):
                yield violation(
                    f"SET NOT NULL on {table}.{action.column.written} can reject writes of "
                    "existing clients",
                    action.span,
                )
            elif isinstance(action, AddColumn) and _restricts(action):
                yield violation(
                    f"the constraints of new column {action.column.name.written} on {table} can "
                    "reject writes of existing clients",
                    action.column.span if action.column.span.line else action.span,
                )


def _restricts(action: AddColumn) -> bool:
    column = action.column
    return column.not_null or bool(column.constraints)
