from __future__ import annotations

from collections.abc import Iterator

from dbops.core.schema import PRIMARY
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.keys import KEY_STATEMENTS, key_columns, keys_defined, located

_ALLOWED = frozenset({"int", "bigint"})  # MySQL's names for INT, INTEGER and BIGINT


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
    reads_model = True
    statement_kinds = KEY_STATEMENTS

    def check(self, context: StatementContext) -> Iterator[Violation]:
        for key in keys_defined(context.statement, context.schema):
            if key.kind != PRIMARY:
                continue
            for column in key_columns(key, context):
                if column.type is not None and column.type not in _ALLOWED:
                    yield located(
                        f'primary key column "{column.name.written}" is {column.written}, '
                        "not INT or BIGINT",
                        column.span,
                    )
