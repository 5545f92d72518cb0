from __future__ import annotations

from collections.abc import Iterator

from dbops.core.schema import PRIMARY
from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.mysql_shapes import column_type_word
from dbops.rules.shapes import keys_defined, line_of

_ALLOWED = frozenset({"INT", "BIGINT", "INTEGER"})


class IndexPkTypeLimit(Rule):
    """
    ## What it does
    Reports MySQL primary keys on columns that are not `INT` or `BIGINT` (signed or unsigned).

    ## Why is this bad?
    InnoDB stores rows in primary-key order and copies the key into every secondary index: a
    `VARCHAR` or `DECIMAL` key makes every index bigger, and random keys (UUID strings) scatter
    inserts across the whole table.

    ## Example
    ```sql
    CREATE TABLE users (email varchar(200) PRIMARY KEY, name text);
    ```

    ## Use instead
    ```sql
    CREATE TABLE users (id bigint unsigned PRIMARY KEY, email varchar(200) UNIQUE);
    ```
    """

    name = "index-pk-type-limit"
    bytebase_type = "index.pk-type-limit"
    default_level = None
    dialects = frozenset({"mysql"})
    category = "index"
    bad_example = "CREATE TABLE users (email varchar(200) PRIMARY KEY, name text);"
    good_example = "CREATE TABLE users (id bigint unsigned PRIMARY KEY, email varchar(200) UNIQUE);"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        after = context.schema_after()
        for index, node in keys_defined(context.statement.tree, context.schema):
            table = after.tables.get(index.table)
            if table is None or index.kind != PRIMARY:
                continue
            for name in index.columns:
                column = table.columns.get(name)
                if column is not None and column_type_word(column.type) not in _ALLOWED:
                    yield Violation(
                        f'primary key column "{name}" is {column.type}, not INT or BIGINT',
                        line=line_of(node, context.statement),
                    )
