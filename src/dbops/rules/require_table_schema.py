from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AlterTable, CreateTable, Drop, ObjectName, Statement
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, violation, written


class RequireTableSchema(Rule):
    """
    ## What it does
    Reports `CREATE TABLE`, `ALTER TABLE` and `DROP TABLE` naming a table without its schema
    (`orders` instead of `public.orders`); temporary tables are not reported.

    ## Why is this bad?
    An unqualified name is resolved through the session's `search_path`, which differs between
    tools, roles and environments: the migration may create or alter a table in another schema than
    intended, or fail.

    ## Example
    ```sql
    CREATE TABLE orders (id bigint PRIMARY KEY);
    ```

    ## Use instead
    ```sql
    CREATE TABLE public.orders (id bigint PRIMARY KEY);
    ```
    """

    name = "require-table-schema"
    default_level = None
    dialects = POSTGRES
    category = "backward-compatibility"
    reads_model = True
    statement_kinds = (
        CreateTable,
        AlterTable,
        Drop,
    )
    bad_example = "CREATE TABLE orders (id bigint PRIMARY KEY);"
    good_example = "CREATE TABLE public.orders (id bigint PRIMARY KEY);"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        for table in _tables(statement):
            if table.schema is None:
                yield violation(
                    f"table {written(table)} is not schema-qualified: it resolves through the "
                    "search_path; write the schema (public.…)",
                    table.span if table.span.line else statement.span,
                )


def _tables(statement: Statement) -> tuple[ObjectName, ...]:
    if isinstance(statement, CreateTable):
        return () if statement.temporary else (statement.table,)
    if isinstance(statement, AlterTable):
        return (statement.table,)
    if isinstance(statement, Drop) and statement.object_kind == "TABLE":
        return () if statement.temporary else statement.names
    return ()
