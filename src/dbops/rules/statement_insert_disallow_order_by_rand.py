from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import Insert
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.pointing import violation_at
from dbops.rules.facts.queries import function_name

_RANDOM = frozenset({"rand", "random"})  # MySQL's and PostgreSQL's


class StatementInsertDisallowOrderByRand(Rule):
    """
    ## What it does
    Reports `INSERT … SELECT … ORDER BY random()` (`rand()` in MySQL).

    ## Why is this bad?
    Sorting the inserted rows randomly means nothing to the table and costs a full sort.

    ## Example
    ```sql
    INSERT INTO sample (id) SELECT id FROM users ORDER BY random();
    ```

    ## Use instead
    ```sql
    INSERT INTO sample (id) SELECT id FROM users;
    ```
    """

    name = "statement-insert-disallow-order-by-rand"
    bytebase_type = "statement.insert.disallow-order-by-rand"
    default_level = None
    category = "statement"
    bad_example = "INSERT INTO sample (id) SELECT id FROM users ORDER BY random();"
    good_example = "INSERT INTO sample (id) SELECT id FROM users;"
    reads_model = True
    statement_kinds = (Insert,)

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, Insert)
        for query in statement.query.walk() if statement.query is not None else ():
            for order in query.order_by:
                call = next((f for f in order.functions() if f.name.lower() in _RANDOM), None)
                if call is not None:
                    yield violation_at(
                        f"INSERT … ORDER BY {function_name(call)}() sorts for nothing",
                        call.span,
                        order.span,
                    )
                    return
