from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.schema import SchemaModel
from dbops.core.statements import (
    Action,
    AddColumn,
    AlterColumnType,
    AlterTable,
    CreateIndex,
    CreateTable,
    CreateTableAs,
    Drop,
    DropColumn,
    DropDefault,
    DropNotNull,
    ModifyColumn,
    Name,
    ObjectName,
    RenameColumn,
    SetDefault,
    SetNotNull,
)
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.lock_safety import at, known

_NAMES_COLUMN = (AlterColumnType, SetNotNull, DropNotNull, SetDefault, DropDefault)


class SchemaConflict(Rule):
    """
    ## What it does
    Checks each statement against the schema replayed from all earlier migrations, offline:
    creating a table, index (MySQL: of the same table) or column that already exists, or
    altering, dropping or renaming a table or column that does not exist. `IF [NOT] EXISTS`
    statements are not reported. Unknown tables are only reported once the history defines at
    least one table (a project whose baseline lives outside its migrations is not flooded). The
    actions of one ALTER TABLE apply in order: `DROP COLUMN a, ADD COLUMN a …` is no conflict.

    ## Why is this bad?
    The statement fails when applied ("relation already exists", "column does not exist"),
    usually because of a typo or two branches that changed the same table.

    ## Example
    ```sql
    ALTER TABLE users DROP COLUMN nick_name;
    ```

    ## Use instead
    ```sql
    ALTER TABLE users DROP COLUMN nickname;
    ```
    """

    name = "schema-conflict"
    bytebase_type = "builtin.walk-through-check"
    default_level = Level.WARNING
    category = "schema"
    reads_model = True
    statement_kinds = (CreateTable, CreateTableAs, CreateIndex, Drop, AlterTable)
    example_history = "CREATE TABLE users (id bigint PRIMARY KEY, nickname text);"
    bad_example = "ALTER TABLE users DROP COLUMN nick_name;"
    good_example = "ALTER TABLE users DROP COLUMN nickname;"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        schema = context.schema
        if isinstance(statement, CreateTable | CreateTableAs):
            if not statement.if_not_exists and schema.lookup(statement.table) is not None:
                yield Violation(f"table {statement.table.written} already exists")
        elif isinstance(statement, CreateIndex):
            yield from _index_exists(statement, schema)
        elif isinstance(statement, Drop):
            if statement.object_kind == "TABLE" and not statement.if_exists and schema.tables:
                for name in statement.names:
                    if schema.lookup(name) is None:
                        yield at(
                            known(name.span, statement.span),
                            f"table {name.written} does not exist",
                        )
        elif isinstance(statement, AlterTable) and not statement.if_exists:
            table = schema.lookup(statement.table)
            if table is None:
                if schema.tables:
                    yield Violation(f"table {statement.table.written} does not exist")
                return
            columns = set(table.columns)
            for action in statement.actions:
                yield from _column_conflicts(action, columns)


def _index_exists(statement: CreateIndex, schema: SchemaModel) -> Iterator[Violation]:
    if statement.if_not_exists or statement.name is None:
        return
    # PostgreSQL files an index in its table's schema and SQLite in the database; MySQL names
    # indexes per table, so only an index of the same table conflicts there.
    home = statement.table.schema if schema.dialect == "postgres" else None
    existing = schema.index_named(ObjectName(statement.name, home))
    if existing is None:
        return
    if schema.dialect == "mysql" and existing.table != schema.key_of(statement.table):
        return
    yield Violation(f"index {statement.name.written} already exists")


def _column_conflicts(action: Action, columns: set[str]) -> Iterator[Violation]:
    """Conflicts of one action with the table's columns as the earlier actions of the same
    ALTER TABLE left them (`columns` is updated as each action applies)."""
    if isinstance(action, AddColumn):
        name = action.column.name
        if name.value in columns and not action.if_not_exists:
            yield at(action.column.span, f'column "{name.written}" already exists')
        columns.add(name.value)
    elif isinstance(action, DropColumn):
        if action.column.value not in columns and not action.if_exists:
            yield _missing(action, action.column)
        columns.discard(action.column.value)
    elif isinstance(action, RenameColumn):
        if action.old.value not in columns:
            yield _missing(action, action.old)
        columns.discard(action.old.value)
        columns.add(action.new.value)
    elif isinstance(action, ModifyColumn):
        old = action.old or action.column.name
        if old.value not in columns:
            yield _missing(action, old)
        columns.discard(old.value)
        columns.add(action.column.name.value)
    elif isinstance(action, _NAMES_COLUMN) and action.column.value not in columns:
        yield _missing(action, action.column)


def _missing(action: Action, column: Name) -> Violation:
    return at(action.span, f'column "{column.written}" does not exist')
