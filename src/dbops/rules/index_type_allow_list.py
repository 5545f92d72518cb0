from __future__ import annotations

from collections.abc import Iterator

from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.keys import KEY_STATEMENTS, keys_defined, located
from dbops.rules.options import ListOptions

_KINDS = ("FULLTEXT", "SPATIAL")


class IndexTypeAllowList(Rule):
    """
    ## What it does
    Reports MySQL indexes of a type not on the allow list: `USING HASH`, `USING BTREE`,
    `FULLTEXT`, `SPATIAL`, as written in `CREATE INDEX`, `CREATE TABLE` or `ALTER TABLE`. An
    index that names no type is not judged.

    ## Why is this bad?
    Index types behave differently: a `HASH` index answers no range query and InnoDB silently
    builds a B-tree instead; `FULLTEXT` indexes slow every write and have their own rebuild
    rules. Teams that want only B-trees say so here.

    ## Example
    ```sql
    CREATE FULLTEXT INDEX ft_posts_body ON posts (body);
    ```

    ## Use instead
    ```sql
    CREATE INDEX idx_posts_title ON posts (title) USING BTREE;
    ```

    ## Options
    - `values` (Bytebase: `list`): the allowed types (the examples assume `BTREE`).
    """

    name = "index-type-allow-list"
    bytebase_type = "index.type-allow-list"
    default_level = None
    dialects = frozenset({"mysql"})
    category = "index"
    Options = ListOptions
    example_options = {"list": ["BTREE"]}
    example_history = "CREATE TABLE posts (id bigint PRIMARY KEY, title varchar(200), body text);"
    bad_example = "CREATE FULLTEXT INDEX ft_posts_body ON posts (body);"
    good_example = "CREATE INDEX idx_posts_title ON posts (title) USING BTREE;"
    reads_model = True
    statement_kinds = KEY_STATEMENTS

    def check(self, context: StatementContext) -> Iterator[Violation]:
        assert isinstance(self.options, ListOptions)
        allowed = {value.upper() for value in self.options.values}
        if not allowed:
            return
        for key in keys_defined(context.statement, context.schema):
            if key.builds_index and key.method and key.method.upper() not in allowed:
                yield located(f"index type {key.method.upper()} is not in the allow list", key.span)
