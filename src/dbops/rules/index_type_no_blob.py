from __future__ import annotations

from collections.abc import Iterator

from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.keys import KEY_STATEMENTS, key_columns, keys_defined, located

# MySQL's large types (information_schema DATA_TYPE names), indexable only by a prefix.
LOB_TYPES = frozenset(
    {
        *("tinytext", "text", "mediumtext", "longtext"),
        *("tinyblob", "blob", "mediumblob", "longblob", "binary", "varbinary"),
        *("json", "geometry"),
    }
)


class IndexTypeNoBlob(Rule):
    """
    ## What it does
    Reports MySQL keys and indexes on `BLOB`, `TEXT` or `JSON` columns (also through a prefix:
    `INDEX (body(100))`).

    ## Why is this bad?
    Large values make huge, slow indexes, and MySQL can only index a prefix of them, so the
    index cannot answer the queries it seems to. Index a short, derived column instead (a hash
    or a generated column).

    ## Example
    ```sql
    CREATE TABLE notes (id bigint PRIMARY KEY, body text, INDEX idx_body (body(100)));
    ```

    ## Use instead
    ```sql
    CREATE TABLE notes (id bigint PRIMARY KEY, body text, digest char(32), INDEX (digest));
    ```
    """

    name = "index-type-no-blob"
    bytebase_type = "index.type-no-blob"
    default_level = None
    dialects = frozenset({"mysql"})
    category = "index"
    bad_example = (
        "CREATE TABLE notes (id bigint PRIMARY KEY, body text, INDEX idx_body (body(100)));"
    )
    good_example = (
        "CREATE TABLE notes (id bigint PRIMARY KEY, body text, digest char(32), INDEX (digest));"
    )
    reads_model = True
    statement_kinds = KEY_STATEMENTS

    def check(self, context: StatementContext) -> Iterator[Violation]:
        for key in keys_defined(context.statement, context.schema):
            if not key.builds_index:
                continue
            for column in key_columns(key, context):
                if column.type in LOB_TYPES:
                    yield located(
                        f'{key.kind} on {column.written} column "{column.name.written}"', key.span
                    )
