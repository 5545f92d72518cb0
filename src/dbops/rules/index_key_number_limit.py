from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from dbops.rules.base import NoOptions, Rule, StatementContext, Violation
from dbops.rules.facts.keys import KEY_STATEMENTS, keys_defined, located


class KeyNumberOptions(NoOptions):
    max_columns: int = Field(default=5, alias="number", description="most columns in one index")


class IndexKeyNumberLimit(Rule):
    """
    ## What it does
    Reports an index, primary key or unique key with more columns than the limit.

    ## Why is this bad?
    Wide composite indexes rarely help queries more than their first columns do, but cost
    space and slow every write.

    ## Example
    ```sql
    CREATE INDEX t_wide_idx ON t (a, b, c, d, e, f);
    ```

    ## Use instead
    ```sql
    CREATE INDEX t_ab_idx ON t (a, b);
    ```

    ## Options
    - `max_columns` (Bytebase: `number`): most columns in one index (default 5).
    """

    name = "index-key-number-limit"
    bytebase_type = "index.key-number-limit"
    default_level = None
    category = "index"
    Options = KeyNumberOptions
    example_history = "CREATE TABLE t (a int, b int, c int, d int, e int, f int);"
    bad_example = "CREATE INDEX t_wide_idx ON t (a, b, c, d, e, f);"
    good_example = "CREATE INDEX t_ab_idx ON t (a, b);"
    reads_model = True
    statement_kinds = KEY_STATEMENTS

    def check(self, context: StatementContext) -> Iterator[Violation]:
        assert isinstance(self.options, KeyNumberOptions)
        limit = self.options.max_columns
        for key in keys_defined(context.statement, context.schema):
            if key.builds_index and len(key.columns) > limit:
                yield located(
                    f"{key.label} has {len(key.columns)} columns; the limit is {limit}", key.span
                )
