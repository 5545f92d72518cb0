from __future__ import annotations

from collections.abc import Iterator

from dbops.core.schema import FOREIGN
from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.shapes import keys_defined, table_of


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

    def check(self, context: RuleContext) -> Iterator[Violation]:
        table = table_of(context.statement.tree)
        for index, _node in keys_defined(context.statement.tree, context.schema):
            if index.kind == FOREIGN and table is not None:
                yield Violation(f"foreign key on table {table.name} is not allowed")
                return
