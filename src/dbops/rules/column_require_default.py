from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AlterTable, ColumnDef, CreateTable
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.columns import (
    MYSQL_NO_LITERAL_DEFAULT,
    base_name,
    defined_columns,
    engine_of,
    primary_key_columns,
    violation_at,
)

# Types for which a default is rarely meaningful, by engine (Bytebase skips them too).
_EXEMPT_TYPES = {
    "postgres": frozenset({"json", "jsonb", "geometry"}),
    "mysql": MYSQL_NO_LITERAL_DEFAULT,
    "sqlite": frozenset({"text", "blob", "json"}),
}


class ColumnRequireDefault(Rule):
    """
    ## What it does
    Reports columns created or added without a DEFAULT, except primary key, serial, identity,
    auto-increment, and (MySQL) text/blob/json/geometry columns.

    ## Why is this bad?
    Explicit defaults make inserts that omit the column well-defined, and downstream data
    cleaner than scattered NULLs.

    ## Example
    ```sql
    CREATE TABLE users (id bigint PRIMARY KEY, active boolean NOT NULL);
    ```

    ## Use instead
    ```sql
    CREATE TABLE users (id bigint PRIMARY KEY, active boolean NOT NULL DEFAULT true);
    ```
    """

    name = "column-require-default"
    bytebase_type = "column.require-default"
    default_level = None
    category = "column"
    reads_model = True
    statement_kinds = (CreateTable, AlterTable)
    bad_example = "CREATE TABLE users (id bigint PRIMARY KEY, active boolean NOT NULL);"
    good_example = (
        "CREATE TABLE users (id bigint PRIMARY KEY, active boolean NOT NULL DEFAULT true);"
    )

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        keys = primary_key_columns(statement)
        exempt_types = _EXEMPT_TYPES.get(engine_of(context.dialect), frozenset())
        for defined in defined_columns(statement, modified=False):
            column = defined.column
            if column.default is not None or column.name.value in keys:
                continue
            if _generates_its_values(column):
                continue
            if column.type is not None and base_name(column.type) in exempt_types:
                continue
            yield violation_at(f'column "{column.name.written}" has no DEFAULT', defined.span)


def _generates_its_values(column: ColumnDef) -> bool:
    """Serial, identity, auto-increment and generated columns: the engine fills them in."""
    return (
        column.serial or column.auto_increment or column.generated is not None or column.primary_key
    )
