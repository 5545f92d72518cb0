from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import Truncate
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, violation, written


class BanTruncateCascade(Rule):
    """
    ## What it does
    Reports `TRUNCATE … CASCADE`.

    ## Why is this bad?
    CASCADE also truncates every table with a foreign key to the truncated ones, and the tables
    referencing those, recursively: with `a <- b <- c`, truncating `a` empties `b` and `c` too, each
    under ACCESS EXCLUSIVE. Name exactly the tables to empty.

    ## Example
    ```sql
    TRUNCATE public.orders CASCADE;
    ```

    ## Use instead
    ```sql
    TRUNCATE public.order_lines, public.orders;
    ```
    """

    name = "ban-truncate-cascade"
    default_level = Level.WARNING
    dialects = POSTGRES
    category = "lock-safety"
    reads_model = True
    statement_kinds = (Truncate,)
    example_history = (
        "CREATE TABLE public.orders (id bigint PRIMARY KEY, total numeric NOT NULL, note text);\n"
        "CREATE TABLE public.order_lines (id bigint PRIMARY KEY, order_id bigint REFERENCES "
        "public.orders (id));"
    )
    bad_example = "TRUNCATE public.orders CASCADE;"
    good_example = "TRUNCATE public.order_lines, public.orders;"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, Truncate)
        if statement.cascade:
            tables = ", ".join(written(table) for table in statement.tables)
            yield violation(
                f"TRUNCATE {tables} CASCADE also empties every table that references them, "
                "recursively; list the tables to truncate instead",
                statement.span,
            )
