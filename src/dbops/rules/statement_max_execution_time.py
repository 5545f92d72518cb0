from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import Invalid, SetSetting, Statement, Unmodelled
from dbops.rules.base import Rule, StatementContext, Violation

# MySQL's variable and MariaDB's.
_VARIABLES = frozenset({"max_execution_time", "max_statement_time"})


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
    bad_example = "UPDATE users SET active = 0 WHERE last_login < '2020-01-01';"
    good_example = (
        "SET SESSION max_execution_time = 60000;\n"
        "UPDATE users SET active = 0 WHERE last_login < '2020-01-01';"
    )
    reads_model = True
    statement_kinds = (Statement,)  # the first statement that is not a SET, whatever it is

    def check(self, context: StatementContext) -> Iterator[Violation]:
        if _is_set(context.statement):
            return
        if any(_sets_time_limit(s) or not _is_set(s) for s in context.previous):
            return  # the limit is set, or this was reported at the first real statement
        yield Violation("set max_execution_time (MySQL) or max_statement_time (MariaDB) first")


def _is_set(statement: Statement) -> bool:
    if isinstance(statement, Unmodelled):
        return statement.first_words.upper().split()[:1] == ["SET"]
    return isinstance(statement, SetSetting | Invalid)


def _sets_time_limit(statement: Statement) -> bool:
    if not isinstance(statement, SetSetting):
        return False
    names = {statement.name, *(name for name, _ in statement.assignments)}
    return any(name.rsplit(".", 1)[-1].lstrip("@") in _VARIABLES for name in names)
