from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from dbops.core.sql import ParsedStatement
from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.options import ListOptions
from dbops.rules.tokens import text_words

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
    needs_tree = False
    Options = ListOptions
    example_options = {"list": ["BTREE"]}
    example_history = "CREATE TABLE posts (id bigint PRIMARY KEY, title varchar(200), body text);"
    bad_example = "CREATE FULLTEXT INDEX ft_posts_body ON posts (body);"
    good_example = "CREATE INDEX idx_posts_title ON posts (title) USING BTREE;"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        assert isinstance(self.options, ListOptions)
        allowed = {value.upper() for value in self.options.values}
        if not allowed:
            return
        for kind in _index_types(context.statement):
            if kind not in allowed:
                yield Violation(f"index type {kind} is not in the allow list")


def _index_types(statement: ParsedStatement) -> list[str]:
    words = [word.upper() for word in text_words(statement)]
    if words[:1] not in (["CREATE"], ["ALTER"]) or not {"INDEX", "KEY"} & set(words):
        return []
    found = [word for word in words if word in _KINDS]
    found += [after for before, after in pairwise(words) if before == "USING"]
    return found
