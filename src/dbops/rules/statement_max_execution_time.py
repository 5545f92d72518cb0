from __future__ import annotations

from collections.abc import Iterator

from dbops.core.sql import ParsedStatement
from dbops.rules.base import Rule, RuleContext, Violation

# MySQL's variable and MariaDB's.
_VARIABLES = ("MAX_EXECUTION_TIME", "MAX_STATEMENT_TIME")


class StatementMaxExecutionTime(Rule):
    """
    ## What it does
    Reports a MySQL/MariaDB migration that does not start by setting a time limit,
    `SET [SESSION] max_execution_time = …` (MySQL) or `max_statement_time` (MariaDB), before
    its first statement other than `SET`.

    ## Why is this bad?
    Without a time limit, a statement that turns out slower than expected (a scan of a big
    table, a lock wait) runs on indefinitely inside the deployment, holding its locks.

    ## Example
    ```sql
    UPDATE users SET active = 0 WHERE last_login < '2020-01-01';
    ```

    ## Use instead
    ```sql
    SET SESSION max_execution_time = 60000;
    UPDATE users SET active = 0 WHERE last_login < '2020-01-01';
    ```
    """

    name = "statement-max-execution-time"
    bytebase_type = "statement.max-execution-time"
    default_level = None
    dialects = frozenset({"mysql"})
    category = "statement"
    needs_tree = False
    bad_example = "UPDATE users SET active = 0 WHERE last_login < '2020-01-01';"
    good_example = (
        "SET SESSION max_execution_time = 60000;\n"
        "UPDATE users SET active = 0 WHERE last_login < '2020-01-01';"
    )

    def check(self, context: RuleContext) -> Iterator[Violation]:
        if context.statement.keywords[:1] == ("SET",):
            return
        if any(_sets_time_limit(s) or s.keywords[:1] != ("SET",) for s in context.previous):
            return  # the limit is set, or this was reported at the first real statement
        yield Violation("set max_execution_time (MySQL) or max_statement_time (MariaDB) first")


def _sets_time_limit(statement: ParsedStatement) -> bool:
    words = statement.keywords
    return words[:1] == ("SET",) and any(variable in words for variable in _VARIABLES)
