from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import (
    AlterTable,
    CreateTable,
    CreateTableAs,
    Drop,
    ObjectName,
    RenameTables,
    Statement,
    Truncate,
)
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.keys import first_span, located
from dbops.rules.options import ListOptions


class TableDisallowDdl(Rule):
    """
    ## What it does
    Reports `CREATE`, `ALTER`, `DROP`, `TRUNCATE` and `RENAME` statements on the tables named in
    the option (frozen tables: owned by another team, replicated elsewhere, under audit).

    ## Why is this bad?
    Some tables must not change shape through this project's migrations at all; listing them
    stops a change before review instead of after deployment.

    ## Example
    ```sql
    ALTER TABLE ledger ADD COLUMN note text;
    ```

    ## Use instead
    ```sql
    ALTER TABLE ledger_notes ADD COLUMN note text;
    ```

    ## Options
    - `values` (Bytebase: `list`): the tables that take no DDL (the examples assume `ledger`).
    """

    name = "table-disallow-ddl"
    bytebase_type = "table.disallow-ddl"
    default_level = None
    category = "table"
    Options = ListOptions
    example_options = {"list": ["ledger"]}
    bad_example = "ALTER TABLE ledger ADD COLUMN note text;"
    good_example = "ALTER TABLE ledger_notes ADD COLUMN note text;"
    reads_model = True
    statement_kinds = (CreateTable, CreateTableAs, AlterTable, Drop, Truncate, RenameTables)

    def check(self, context: StatementContext) -> Iterator[Violation]:
        assert isinstance(self.options, ListOptions)
        frozen = {name.lower() for name in self.options.values}
        if not frozen:
            return
        for table in _ddl_tables(context.statement):
            if table.name.value.lower() in frozen:
                yield located(
                    f"table {table.written} takes no DDL under this policy",
                    first_span(table.span, table.name.span, context.statement.span),
                )


def _ddl_tables(statement: Statement) -> Iterator[ObjectName]:
    """The tables a DDL statement creates, alters, drops, truncates or renames."""
    if isinstance(statement, CreateTable | CreateTableAs | AlterTable):
        yield statement.table
    elif isinstance(statement, Drop) and statement.object_kind == "TABLE":
        yield from statement.names
    elif isinstance(statement, Truncate):
        yield from statement.tables
    elif isinstance(statement, RenameTables):
        yield from (old for old, _new in statement.renames)
