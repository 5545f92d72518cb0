from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from dbops.core.statements import NO_SPAN, AlterTable, CreateIndex, CreateTable, ObjectName, Span
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
        final = context.schema_at_end()
        limit = self.options.max_indexes
        counts = {
            table_key: sum(1 for i in final.table_indexes(table_key) if i.kind in INDEX_KINDS)
            for table_key in added
        }
        over = {table_key for table_key, count in counts.items() if count > limit}
        if not over:
            return
        # Reported once, at the migration's last statement that adds an index to the table.
        for table_key in sorted(over - _indexed_later(over, context)):
            name, span = added[table_key]
            yield located(
                f"table {name.written} has {counts[table_key]} indexes; the limit is {limit}",
                span if span != NO_SPAN else context.statement.span,
            )


def _indexed_later(tables: set[str], context: StatementContext) -> set[str]:
    """Which of the tables a later statement of the file adds an index to (looking only at
    the statements that name one of them)."""
    schema = context.schema
    found: set[str] = set()
    for statement in context.following:
        if not isinstance(statement, CreateTable | AlterTable | CreateIndex):
            continue
        table_key = schema.key_of(statement.table)
        if table_key not in tables or table_key in found:
            continue
        if any(key.builds_index for key in keys_defined(statement, schema)):
            found.add(table_key)
            if found == tables:
                break
    return found
