from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from dbops.core.statements import (
    Action,
    AddColumn,
    AlterTable,
    CreateTable,
    DropColumn,
    ModifyColumn,
    Name,
    RenameColumn,
)
from dbops.rules.base import NoOptions, Rule, StatementContext, Violation
from dbops.rules.facts.columns import spot
from dbops.rules.facts.pointing import violation_at


class RequiredColumnOptions(NoOptions):
    columns: list[str] = Field(
        default_factory=lambda: ["id", "created_ts", "updated_ts", "creator_id", "updater_id"],
        alias="list",
        description="columns every table must have",
    )


class ColumnRequired(Rule):
    """
    ## What it does
    Reports a table created without the required columns, or a statement that drops or
    renames (also by MySQL `CHANGE old new`) a required column away.

    ## Why is this bad?
    Teams that rely on audit columns (`created_ts`, `creator_id`, …) on every table lose them
    silently when one table is created without them.

    ## Example
    ```sql
    CREATE TABLE notes (id bigint PRIMARY KEY, body text);
    ```

    ## Use instead
    ```sql
    CREATE TABLE notes (id bigint PRIMARY KEY, body text, created_ts timestamptz,
      updated_ts timestamptz, creator_id bigint, updater_id bigint);
    ```

    ## Options
    - `columns` (Bytebase: `list`): the required column names (default `id`, `created_ts`,
      `updated_ts`, `creator_id`, `updater_id`).
    """

    name = "column-required"
    bytebase_type = "column.required"
    default_level = None
    category = "column"
    reads_model = True
    statement_kinds = (CreateTable, AlterTable)
    Options = RequiredColumnOptions
    bad_example = "CREATE TABLE notes (id bigint PRIMARY KEY, body text);"
    good_example = (
        "CREATE TABLE notes (id bigint PRIMARY KEY, body text, created_ts timestamptz, "
        "updated_ts timestamptz, creator_id bigint, updater_id bigint);"
    )

    def check(self, context: StatementContext) -> Iterator[Violation]:
        assert isinstance(self.options, RequiredColumnOptions)
        required = {name.lower() for name in self.options.columns}
        statement = context.statement
        if isinstance(statement, CreateTable):
            if not statement.columns:  # CREATE TABLE … LIKE / PARTITION OF: columns copied
                return
            names = {column.name.value for column in statement.columns}
            missing = sorted(required - names)
            if missing:
                yield violation_at(
                    f"table {statement.table.written} lacks required columns: {', '.join(missing)}",
                    spot(statement.table.span, statement.span),
                )
            return
        assert isinstance(statement, AlterTable)
        for position, action in enumerate(statement.actions):
            removed = _removed_column(action)
            if removed is None or removed.value not in required:
                continue
            # `DROP COLUMN x, ADD COLUMN x …` (the actions run in order) keeps the column.
            if removed.value not in _added_columns(statement.actions[position + 1 :]):
                yield violation_at(
                    f"table {statement.table.written} loses required column {removed.written}",
                    spot(action.span, statement.span),
                )


def _added_columns(actions: tuple[Action, ...]) -> set[str]:
    """The columns these actions add or rename to (engine-compared names)."""
    added: set[str] = set()
    for action in actions:
        if isinstance(action, AddColumn | ModifyColumn):
            added.add(action.column.name.value)
        elif isinstance(action, RenameColumn):
            added.add(action.new.value)
    return added


def _removed_column(action: Action) -> Name | None:
    """The column an action takes away under its name: dropped, or renamed (also by MySQL
    `CHANGE old new`)."""
    if isinstance(action, DropColumn):
        return action.column
    if isinstance(action, RenameColumn) and action.old.value != action.new.value:
        return action.old
    if (
        isinstance(action, ModifyColumn)
        and action.old is not None
        and action.old.value != action.column.name.value
    ):
        return action.old
    return None
