from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import (
    Action,
    AddConstraint,
    AlterColumnType,
    AlterTable,
    ConstraintKind,
    Drop,
    DropColumn,
    ModifyColumn,
    ObjectName,
    RenameColumn,
    RenameTables,
    RenameTo,
)
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.lock_safety import (
    at,
    column_type_before,
    created_in_this_file,
    rebuilt_in_this_file,
    same_type,
)

_DROPPED_KINDS = frozenset({"TABLE", "SCHEMA", "DATABASE", "MATERIALIZED VIEW"})
_KEYS = frozenset({ConstraintKind.PRIMARY_KEY, ConstraintKind.UNIQUE, ConstraintKind.FOREIGN_KEY})


class SchemaBackwardCompatibility(Rule):
    """
    ## What it does
    Reports changes that break the application version still running while the migration
    applies: dropping a table, materialized view, schema or database, dropping or renaming a
    column or table (also by MySQL `CHANGE COLUMN`), changing a column's type (also by
    `MODIFY`/`CHANGE` with another type), and adding a primary key, unique key or foreign
    key to an existing table. (Dropping a plain view is not reported: it holds no data and is
    usually recreated right away; nor are changes to a table created earlier in the same file,
    or the drop of the old table of a rebuild whose copy takes its name in the same file.)

    ## Why is this bad?
    During a rolling deploy old code runs against the new schema; each of these changes makes
    some of its queries fail.

    ## Example
    ```sql
    ALTER TABLE users DROP COLUMN nickname;
    ```

    ## Use instead
    ```sql
    ALTER TABLE users ADD COLUMN display_name text;
    ```
    """

    name = "schema-backward-compatibility"
    bytebase_type = "schema.backward-compatibility"
    default_level = None
    category = "schema"
    reads_model = True
    statement_kinds = (Drop, RenameTables, AlterTable)
    example_history = "CREATE TABLE users (id bigint PRIMARY KEY, nickname text);"
    bad_example = "ALTER TABLE users DROP COLUMN nickname;"
    good_example = "ALTER TABLE users ADD COLUMN display_name text;"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        if isinstance(statement, Drop):
            yield from _drop_problem(statement, context)
        elif isinstance(statement, RenameTables):
            renamed = [
                f"{old.written} to {new.written}"
                for old, new in statement.renames
                if not created_in_this_file(context, old)
            ]
            if renamed:
                yield Violation(
                    f"renaming table {', '.join(renamed)} breaks code that uses the old name"
                )
        elif isinstance(statement, AlterTable) and not created_in_this_file(
            context, statement.table
        ):
            for action in statement.actions:
                problem = _problem(action, statement.table, context)
                if problem:
                    yield at(action.span, f"{problem} may break the running application")
                    return


def _drop_problem(statement: Drop, context: StatementContext) -> Iterator[Violation]:
    if statement.object_kind not in _DROPPED_KINDS:
        return
    names = [
        name
        for name in statement.names
        if statement.object_kind != "TABLE"
        or not (created_in_this_file(context, name) or rebuilt_in_this_file(context, name))
    ]
    if names:
        written = ", ".join(name.written for name in names)
        yield Violation(f"DROP {statement.object_kind} {written} breaks code that still uses it")


def _problem(action: Action, table: ObjectName, context: StatementContext) -> str | None:
    if isinstance(action, DropColumn):
        return f'dropping column "{action.column.written}"'
    if isinstance(action, RenameColumn):
        return f'renaming column "{action.old.written}"'
    if isinstance(action, RenameTo):
        return f"renaming table {table.written}"
    if isinstance(action, AlterColumnType):
        return f'changing the type of column "{action.column.written}"'
    if isinstance(action, AddConstraint) and action.constraint.kind in _KEYS:
        return f"adding a {action.constraint.kind} constraint"
    if isinstance(action, ModifyColumn):
        return _mysql_change_problem(action, table, context)
    return None


def _mysql_change_problem(
    action: ModifyColumn, table: ObjectName, context: StatementContext
) -> str | None:
    """MySQL `CHANGE a b …` renames; `MODIFY`/`CHANGE` restating another type changes it."""
    old = action.old or action.column.name
    if old.value != action.column.name.value:
        return f'renaming column "{old.written}"'
    before = column_type_before(context, table, old.value)
    new = action.column.type
    if before is not None and new is not None and not same_type(before, new):
        return f'changing the type of column "{old.written}"'
    return None
