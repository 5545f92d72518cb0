from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import (
    CreateTableAs,
    CreateView,
    Delete,
    Insert,
    Merge,
    Select,
    Update,
)
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.pointing import violation_at
from dbops.rules.facts.queries import all_queries


class StatementWhereRequireSelect(Rule):
    """
    ## What it does
    Reports `SELECT … FROM` without a `WHERE` clause, also in subqueries.

    ## Why is this bad?
    A query without a filter reads the whole table; in a migration that is usually a mistake
    and on a large table a long, heavy scan.

    ## Example
    ```sql
    SELECT id FROM orders;
    ```

    ## Use instead
    ```sql
    SELECT id FROM orders WHERE created_at > now() - interval '1 day';
    ```
    """

    name = "statement-where-require-select"
    bytebase_type = "statement.where.require.select"
    default_level = None
    category = "statement"
    bad_example = "SELECT id FROM orders;"
    good_example = "SELECT id FROM orders WHERE created_at > now() - interval '1 day';"
    reads_model = True
    statement_kinds = (Select, Insert, Update, Delete, Merge, CreateTableAs, CreateView)

    def check(self, context: StatementContext) -> Iterator[Violation]:
        for query in all_queries(context.statement):
            if query.sources and query.where is None and not query.set_operands:
                yield violation_at("SELECT without WHERE reads the whole table", query.span)
                return
