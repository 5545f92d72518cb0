from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import Delete, Insert, Merge, Select, Update
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.pointing import violation_at
from dbops.rules.facts.queries import all_queries


class StatementSelectNoSelectAll(Rule):
    """
    ## What it does
    Reports `SELECT *`, also inside subqueries and `INSERT … SELECT`.

    ## Why is this bad?
    The statement's meaning changes when columns are added or removed, and it reads more data
    than it needs.

    ## Example
    ```sql
    INSERT INTO archive SELECT * FROM orders;
    ```

    ## Use instead
    ```sql
    INSERT INTO archive (id, total) SELECT id, total FROM orders;
    ```
    """

    name = "statement-select-no-select-all"
    bytebase_type = "statement.select.no-select-all"
    default_level = None
    category = "statement"
    bad_example = "INSERT INTO archive SELECT * FROM orders;"
    good_example = "INSERT INTO archive (id, total) SELECT id, total FROM orders;"
    reads_model = True
    statement_kinds = (Select, Insert, Update, Delete, Merge)

    def check(self, context: StatementContext) -> Iterator[Violation]:
        for query in all_queries(context.statement):
            if query.select_star:
                yield violation_at(
                    f"{_quoted(query.text)} depends on the table's column list; name the columns",
                    query.span,
                )
                return


def _quoted(text: str) -> str:
    short = " ".join(text.split())
    return f"`{short if len(short) <= 60 else short[:57] + '…'}`"
