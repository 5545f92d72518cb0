from __future__ import annotations

from collections.abc import Iterator

from dbops.core.schema import FOREIGN
from dbops.core.statements import AlterTable, CreateTable
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.keys import keys_defined, located


class TableNoForeignKey(Rule):
    """
    ## What it does
    Reports foreign keys, in `CREATE TABLE` or `ALTER TABLE`.

    ## Why is this bad?
    Some teams keep referential integrity in the application: foreign keys lock the referenced
    table on every change, complicate sharding and online schema-change tools.

    ## Example
    ```sql
    CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));
    ```

    ## Use instead
    ```sql
    CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL);
    ```
    """

    name = "table-no-foreign-key"
    bytebase_type = "table.no-foreign-key"
    default_level = None
    category = "table"
    bad_example = (
        "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));"
    )
    good_example = "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL);"
    reads_model = True
    statement_kinds = (CreateTable, AlterTable)

    def check(self, context: StatementContext) -> Iterator[Violation]:
        for key in keys_defined(context.statement, context.schema):
            if key.kind == FOREIGN:
                yield located(f"foreign key on table {key.table.written} is not allowed", key.span)
                return  # one finding per statement: the first foreign key
