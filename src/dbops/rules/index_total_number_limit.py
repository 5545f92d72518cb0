from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from dbops.core.schema import CHECK, FOREIGN
from dbops.rules.base import NoOptions, Rule, RuleContext, Violation
from dbops.rules.shapes import keys_defined


class TotalIndexOptions(NoOptions):
    max_indexes: int = Field(default=5, alias="number", description="most indexes on one table")


class IndexTotalNumberLimit(Rule):
    """
    ## What it does
    Reports a table that ends up with more indexes (including primary and unique keys) than the
    limit, at the last statement of the migration that adds one.

    ## Why is this bad?
    Every index slows every INSERT and UPDATE and takes space; many indexes on one table
    usually overlap.

    ## Example
    ```sql
    CREATE INDEX t_b_idx ON t (b);
    ```
    (on a table that has five indexes already)

    ## Use instead
    ```sql
    -- drop an index that another one covers first
    DROP INDEX t_a_idx;
    ```

    ## Options
    - `max_indexes` (Bytebase: `number`): most indexes on one table (default 5).
    """

    name = "index-total-number-limit"
    bytebase_type = "index.total-number-limit"
    default_level = None
    category = "index"
    Options = TotalIndexOptions
    example_history = (
        "CREATE TABLE t (a int PRIMARY KEY, b int, c int, d int, e int, f int);\n"
        "CREATE INDEX t_c_idx ON t (c);\nCREATE INDEX t_d_idx ON t (d);\n"
        "CREATE INDEX t_e_idx ON t (e);\nCREATE INDEX t_f_idx ON t (f);\n"
        "CREATE INDEX t_a_idx ON t (a);"
    )
    bad_example = "CREATE INDEX t_b_idx ON t (b);"
    good_example = "DROP INDEX t_a_idx;"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        assert isinstance(self.options, TotalIndexOptions)
        tables = {
            index.table
            for index, _node in keys_defined(context.statement.tree, context.schema)
            if index.kind not in (FOREIGN, CHECK)
        }
        if not tables:
            return
        later = {
            index.table
            for statement in context.following
            for index, _node in keys_defined(statement.tree, context.schema)
        }
        final = context.schema_at_end()
        for table in sorted(tables - later):
            count = sum(1 for i in final.table_indexes(table) if i.kind not in (FOREIGN, CHECK))
            if count > self.options.max_indexes:
                yield Violation(
                    f"table {table} has {count} indexes; the limit is {self.options.max_indexes}",
                    line=context.statement.end_line,
                )
