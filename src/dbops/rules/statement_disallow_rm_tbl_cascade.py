from __future__ import annotations

from collections.abc import Iterator

from dbops.rules.base import Rule, RuleContext, Violation


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
    needs_tree = False
    bad_example = "TRUNCATE TABLE users CASCADE;"
    good_example = "TRUNCATE TABLE users;"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        words = context.statement.keywords
        removes = words[:2] == ("DROP", "TABLE") or words[:1] == ("TRUNCATE",)
        if removes and words[-1:] == ("CASCADE",):
            yield Violation("CASCADE also removes every object that depends on the table")
