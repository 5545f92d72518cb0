from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.schema import PRIMARY, Index, SchemaModel
from dbops.core.statements import (
    Action,
    AlterTable,
    CreateTable,
    DropColumn,
    DropConstraint,
    DropPrimaryKey,
    ObjectName,
    RenameTo,
    SetSchema,
)
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.keys import first_span, keys_defined, located

# The actions that can take a table's primary key away.
_DROPS = (DropConstraint, DropColumn, DropPrimaryKey)


class TableRequirePk(Rule):
    """
    ## What it does
    Reports a `CREATE TABLE` without a primary key.

    ## Why is this bad?
    Without a primary key, rows cannot be addressed reliably: logical replication and CDC tools
    refuse UPDATE and DELETE on such tables, ORMs misbehave, and duplicates creep in.

    ## Example
    ```sql
    CREATE TABLE audit_log (at timestamptz NOT NULL, message text NOT NULL);
    ```

    ## Use instead
    ```sql
    CREATE TABLE audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at timestamptz NOT NULL,
      message text NOT NULL
    );
    ```
    """

    name = "table-require-pk"
    bytebase_type = "table.require-pk"
    default_level = Level.ERROR
    category = "table"
    bad_example = "CREATE TABLE audit_log (at timestamptz NOT NULL, message text NOT NULL);"
    good_example = (
        "CREATE TABLE audit_log (id bigint PRIMARY KEY, at timestamptz NOT NULL, "
        "message text NOT NULL);"
    )
    reads_model = True
    statement_kinds = (CreateTable, AlterTable)

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        schema = context.schema
        if isinstance(statement, CreateTable):
            if not statement.columns or statement.like is not None or statement.virtual_module:
                return  # LIKE copies its keys; an SQLite virtual table (fts5) has none to give
            defines = any(key.kind == PRIMARY for key in keys_defined(statement, schema))
            if not defines and not _added_later(schema.key_of(statement.table), context):
                span = first_span(statement.table.span, statement.span)
                yield located(f"table {statement.table.written} has no primary key", span)
        elif isinstance(statement, AlterTable):
            key = schema.key_of(statement.table)
            primary = schema.primary_key(key)
            drop = _dropping_action(statement, primary)
            if primary is None or drop is None:
                return
            after = context.schema_after()
            if after.primary_key(after.key_of(_renamed(statement))) is not None:
                return
            if not _added_later(key, context):
                span = first_span(drop.span, statement.span)
                yield located(f"table {statement.table.written} loses its primary key", span)


def _dropping_action(statement: AlterTable, primary: Index | None) -> Action | None:
    """The first action that may drop the primary key (the replay decides whether it did)."""
    if primary is None:
        return None
    for action in statement.actions:
        if isinstance(action, DropConstraint) and action.name.value != primary.name:
            continue
        if isinstance(action, DropColumn) and action.column.value not in primary.columns:
            continue
        if isinstance(action, _DROPS):
            return action
    return None


def _renamed(statement: AlterTable) -> ObjectName:
    """The table's name once the statement has run (renamed or moved by it, or not)."""
    name = statement.table
    for action in statement.actions:
        if isinstance(action, RenameTo):
            name = ObjectName(action.new.name, action.new.schema or name.schema)
        elif isinstance(action, SetSchema):
            name = ObjectName(name.name, action.schema)
    return name


def _added_later(table_key: str, context: StatementContext) -> bool:
    schema: SchemaModel = context.schema
    return any(
        key.kind == PRIMARY and schema.key_of(key.table) == table_key
        for statement in context.following
        for key in keys_defined(statement, schema)
    )
