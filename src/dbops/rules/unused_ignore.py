from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.rules.base import Rule, RuleScope, StatementContext, Violation


class UnusedIgnore(Rule):
    """
    ## What it does
    Reports a `-- dbops:ignore RULE` directive that suppresses nothing.

    ## Why is this bad?
    A stale ignore hides the next real finding of that rule in the same place, and tells the
    reader a hazard is there when it is not. The review engine decides this rule after all other
    rules have run on the file.

    ## Example
    ```sql
    -- dbops:ignore ban-drop-colum
    CREATE TABLE users (id bigint PRIMARY KEY);
    ```

    ## Use instead
    ```sql
    CREATE TABLE users (id bigint PRIMARY KEY);
    ```
    """

    name = "unused-ignore"
    default_level = Level.WARNING
    category = "meta"
    scope = RuleScope.FILE
    bad_example = "-- dbops:ignore ban-drop-colum\nCREATE TABLE users (id bigint PRIMARY KEY);"
    good_example = "CREATE TABLE users (id bigint PRIMARY KEY);"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        # Decided by the engine, which alone sees which ignores matched a finding.
        return iter(())
