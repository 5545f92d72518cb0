from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from dbops.core.statements import NO_SPAN, ObjectName, Span
from dbops.rules.base import NoOptions, Rule, StatementContext, Violation
from dbops.rules.facts.keys import INDEX_KINDS, KEY_STATEMENTS, keys_defined, located


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
    reads_model = True
    statement_kinds = KEY_STATEMENTS

    def check(self, context: StatementContext) -> Iterator[Violation]:
        assert isinstance(self.options, TotalIndexOptions)
        schema = context.schema
        added: dict[str, tuple[ObjectName, Span]] = {}  # table key -> name, last index added
        for key in keys_defined(context.statement, schema):
            table_key = schema.key_of(key.table)
            last = added.get(table_key, (key.table, NO_SPAN))[1]
            if key.builds_index and (key.span.line, key.span.column) >= (last.line, last.column):
                added[table_key] = (key.table, key.span)
        if not added:
            return
        later = {
            schema.key_of(key.table)
            for statement in context.following
            for key in keys_defined(statement, schema)
            if key.builds_index
        }
        final = context.schema_at_end()
        for table_key in sorted(set(added) - later):
            count = sum(1 for i in final.table_indexes(table_key) if i.kind in INDEX_KINDS)
            if count > self.options.max_indexes:
                name, span = added[table_key]
                yield located(
                    f"table {name.written} has {count} indexes; the limit is "
                    f"{self.options.max_indexes}",
                    span if span != NO_SPAN else context.statement.span,
                )
