from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import Drop, Truncate
from dbops.rules.base import Rule, StatementContext, Violation


class StatementDisallowRmTblCascade(Rule):
    """
    ## What it does
    Reports `DROP TABLE … CASCADE` and `TRUNCATE … CASCADE` (PostgreSQL).

    ## Why is this bad?
    CASCADE also drops the views and foreign keys that depend on the table, or empties every
    table that references it: far more than the statement names.

    ## Example
    ```sql
    TRUNCATE TABLE users CASCADE;
    ```

    ## Use instead
    ```sql
    TRUNCATE TABLE users;
    ```
    """

    name = "statement-disallow-rm-tbl-cascade"
    bytebase_type = "statement.disallow-rm-tbl-cascade"
    default_level = None
    dialects = frozenset({"postgres"})
    category = "statement"
    bad_example = "TRUNCATE TABLE users CASCADE;"
    good_example = "TRUNCATE TABLE users;"
    reads_model = True
    statement_kinds = (Drop, Truncate)

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        removes = isinstance(statement, Truncate) or (
            isinstance(statement, Drop) and statement.object_kind == "TABLE"
        )
        if removes and getattr(statement, "cascade", False):
            yield Violation("CASCADE also removes every object that depends on the table")
