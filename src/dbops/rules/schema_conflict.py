from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import (
    AlterColumnType,
    AlterTable,
    CreateIndex,
    CreateTable,
    CreateTableAs,
    Drop,
    DropDefault,
    DropNotNull,
    SetDefault,
    SetNotNull,
)
from dbops.rules.base import Rule, StatementContext, Violation

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
        # One implementation of "what this statement assumes that the history contradicts":
        # the schema model's (core/conflicts.py), which the replay keeps in step with itself.
        for conflict in context.schema.conflicts(context.statement):
            yield Violation(conflict.message, conflict.line, conflict.column)
