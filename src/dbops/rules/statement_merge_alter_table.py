from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import (
    Action,
    AlterTable,
    AttachPartition,
    CreateTable,
    DetachPartition,
    PartitionOperation,
    RenameColumn,
    RenameConstraint,
    RenameTo,
    SetSchema,
    Statement,
    ValidateConstraint,
)
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.pointing import violation_at

_POSTGRES_ALONE: tuple[type[Action], ...] = (
    RenameColumn,
    RenameConstraint,
    RenameTo,
    SetSchema,
    AttachPartition,
    DetachPartition,
)


class StatementMergeAlterTable(Rule):
    """
    ## What it does
    Reports a second statement that changes the same table in one migration (a CREATE TABLE
    followed by ALTER TABLE, or several ALTER TABLE), at the last of them. An ALTER TABLE that
    must stand alone is not counted: `VALIDATE CONSTRAINT` (it follows `ADD … NOT VALID` to
    take a weaker lock), and in PostgreSQL RENAME, SET SCHEMA and ATTACH/DETACH PARTITION, in
    MySQL partition operations, which the engine does not combine with other actions.

    ## Why is this bad?
    Each ALTER TABLE takes the table's lock again and may rewrite it again; one statement with
    several actions does the work once.

    ## Example
    ```sql
    ALTER TABLE users ADD COLUMN a text;
    ALTER TABLE users ADD COLUMN b text;
    ```

    ## Use instead
    ```sql
    ALTER TABLE users ADD COLUMN a text, ADD COLUMN b text;
    ```
    """

    name = "statement-merge-alter-table"
    bytebase_type = "statement.merge-alter-table"
    default_level = None
    category = "statement"
    example_history = "CREATE TABLE users (id bigint PRIMARY KEY);"
    bad_example = "ALTER TABLE users ADD COLUMN a text;\nALTER TABLE users ADD COLUMN b text;"
    good_example = "ALTER TABLE users ADD COLUMN a text, ADD COLUMN b text;"
    reads_model = True
    statement_kinds = (AlterTable,)

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, AlterTable)
        key = _changes(statement, context)
        if key is None:
            return
        if any(_changes(later, context) == key for later in context.following):
            return  # reported at the last change only
        count = 1 + sum(_changes(earlier, context) == key for earlier in context.previous)
        if count > 1:
            yield violation_at(
                f"{count} statements change table {statement.table.written}; merge them",
                statement.span,
            )


def _changes(statement: Statement, context: StatementContext) -> str | None:
    """The table a statement changes, when it is a change that could be merged with others."""
    if isinstance(statement, AlterTable) and all(
        _apart(action, context.dialect) for action in statement.actions
    ):
        return None
    if isinstance(statement, CreateTable | AlterTable):
        return context.schema.key_of(statement.table)
    return None


def _apart(action: Action, dialect: str) -> bool:
    """An action that stands alone on purpose or by the engine's rule: VALIDATE CONSTRAINT
    (after ADD … NOT VALID) takes a weaker lock than the statement it follows; PostgreSQL
    cannot combine RENAME, SET SCHEMA, ATTACH/DETACH PARTITION with other actions, nor MySQL
    partition operations."""
    if isinstance(action, ValidateConstraint):
        return True
    if dialect == "postgres":
        return isinstance(action, _POSTGRES_ALONE)
    return isinstance(action, PartitionOperation)
