from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import CreateTable, CreateTableAs
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.pointing import violation_at


class StatementCreateSpecifySchema(Rule):
    """
    ## What it does
    Reports `CREATE TABLE` (and other CREATE statements naming a table-like object) without a
    schema-qualified name (PostgreSQL).

    ## Why is this bad?
    The object lands in whatever schema comes first in the session's `search_path`, which may
    differ between environments and tools.

    ## Example
    ```sql
    CREATE TABLE users (id bigint PRIMARY KEY);
    ```

    ## Use instead
    ```sql
    CREATE TABLE public.users (id bigint PRIMARY KEY);
    ```
    """

    name = "statement-create-specify-schema"
    bytebase_type = "statement.create-specify-schema"
    default_level = None
    dialects = frozenset({"postgres"})
    category = "statement"
    bad_example = "CREATE TABLE users (id bigint PRIMARY KEY);"
    good_example = "CREATE TABLE public.users (id bigint PRIMARY KEY);"
    reads_model = True
    statement_kinds = (CreateTable, CreateTableAs)

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, CreateTable | CreateTableAs)
        if isinstance(statement, CreateTableAs) and statement.materialized:
            return
        table = statement.table
        if table.schema is None and not statement.temporary:
            yield violation_at(
                f"table {table.written} is created without a schema",
                table.span,
                table.name.span,
                statement.span,
            )
