from __future__ import annotations

from collections.abc import Iterator

from dbops.core.schema import CHECK, FOREIGN
from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.mysql_shapes import LOB_TYPES, column_type_word
from dbops.rules.shapes import keys_defined, line_of


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

    def check(self, context: RuleContext) -> Iterator[Violation]:
        after = context.schema_after()
        for index, node in keys_defined(context.statement.tree, context.schema):
            table = after.tables.get(index.table)
            if table is None or index.kind in (FOREIGN, CHECK):
                continue
            for name in index.columns:
                column = table.columns.get(name)
                if column is not None and column_type_word(column.type) in LOB_TYPES:
                    yield Violation(
                        f'{index.kind} on {column.type} column "{name}"',
                        line=line_of(node, context.statement),
                    )
