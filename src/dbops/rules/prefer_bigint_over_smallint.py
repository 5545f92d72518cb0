from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import AlterTable, CreateTable
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, violation, written_types


class PreferBigintOverSmallint(Rule):
    """
    ## What it does
    Reports `smallint` (`int2`, `smallserial`) columns in `CREATE TABLE`, `ADD COLUMN` and `ALTER
    COLUMN … TYPE` (PostgreSQL).

    ## Why is this bad?
    A smallint holds at most 32,767: counters, ids and foreign keys outgrow it sooner than expected,
    and widening the column later is a table rewrite under ACCESS EXCLUSIVE (reads and writes
    blocked for its duration) for the table and every table whose foreign keys point at it. bigint
    costs a few bytes per row.

    ## Example
    ```sql
    CREATE TABLE public.ratings (id bigint PRIMARY KEY, stars smallint NOT NULL);
    ```

    ## Use instead
    ```sql
    CREATE TABLE public.ratings (id bigint PRIMARY KEY, stars bigint NOT NULL);
    ```
    """

    name = "prefer-bigint-over-smallint"
    default_level = Level.WARNING
    dialects = POSTGRES
    category = "lock-safety"
    reads_model = True
    statement_kinds = (
        CreateTable,
        AlterTable,
    )
    bad_example = "CREATE TABLE public.ratings (id bigint PRIMARY KEY, stars smallint NOT NULL);"
    good_example = "CREATE TABLE public.ratings (id bigint PRIMARY KEY, stars bigint NOT NULL);"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        for column_type in written_types(context.statement):
            if column_type.name == "smallint":
                yield violation(
                    f"{column_type.written} is a 16-bit integer (at most 32,767); widening it "
                    "later rewrites the table under ACCESS EXCLUSIVE: use bigint",
                    column_type.span if column_type.span.line else context.statement.span,
                )
