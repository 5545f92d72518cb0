from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from dbops.core.statements import (
    Delete,
    Insert,
    Merge,
    Procedural,
    Select,
    SetSetting,
    Statement,
    TransactionControl,
    Unmodelled,
    Update,
    UseDatabase,
)
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.options import NumberOptions

_DML = (Insert, Update, Delete, Merge)  # REPLACE is an Insert
# What does not commit implicitly in MySQL; every other statement (DDL, GRANT, LOCK TABLES,
# ANALYZE TABLE, …) does.
_NO_IMPLICIT_COMMIT = (*_DML, Select, SetSetting, TransactionControl, Procedural, UseDatabase)
_DDL_WORDS = frozenset({"CREATE", "ALTER", "DROP", "RENAME", "TRUNCATE"})


class StatementsInTransactionOptions(NumberOptions):
    number: int = Field(default=10, description="most data changes in one transaction")


class StatementMaximumStatementsInTransaction(Rule):
    """
    ## What it does
    Reports a transaction that holds more data-changing statements (`INSERT`, `UPDATE`,
    `DELETE`, `REPLACE`, `MERGE`) than the limit. A transaction ends at `BEGIN`, `COMMIT` or
    `ROLLBACK`, and in MySQL at any DDL statement (which commits implicitly); a file that runs
    in a transaction is one.

    ## Why is this bad?
    A long transaction holds its row locks until the end, grows the undo log and replication
    lag, and when its last statement fails everything before it rolls back too. Split the work.

    ## Example
    ```sql
    UPDATE a SET x = 1 WHERE id = 1;
    UPDATE a SET x = 1 WHERE id = 2;
    -- … nine more
    UPDATE a SET x = 1 WHERE id = 11;
    ```

    ## Use instead
    ```sql
    UPDATE a SET x = 1 WHERE id IN (1, 2, 3);
    ```

    ## Options
    - `number`: most data-changing statements in one transaction (default 10).
    """

    name = "statement-maximum-statements-in-transaction"
    bytebase_type = "statement.maximum-statements-in-transaction"
    default_level = None
    category = "statement"
    Options = StatementsInTransactionOptions
    example_history = "CREATE TABLE a (id bigint PRIMARY KEY, x int);"
    bad_example = "\n".join(f"UPDATE a SET x = 1 WHERE id = {n};" for n in range(1, 12))
    good_example = "UPDATE a SET x = 1 WHERE id IN (1, 2, 3);"
    reads_model = True
    statement_kinds = _DML

    def check(self, context: StatementContext) -> Iterator[Violation]:
        assert isinstance(self.options, StatementsInTransactionOptions)
        count, opened = 1, context.in_transaction
        for earlier in reversed(context.previous):
            boundary = _boundary(earlier, context.dialect)
            if boundary:
                opened = boundary == "BEGIN"
                break
            count += isinstance(earlier, _DML)
            if count > self.options.number + 1:
                return  # reported where the limit was crossed; walking further is quadratic
        if opened and count == self.options.number + 1:  # once, where the limit is crossed
            yield Violation(
                f"{count} data changes in one transaction (at most {self.options.number})"
            )


def _boundary(statement: Statement, dialect: str) -> str | None:
    """ "BEGIN" where a transaction starts, "END" where one ends (in MySQL, DDL commits)."""
    if isinstance(statement, TransactionControl):
        if statement.action == "BEGIN":
            return "BEGIN"
        if statement.action in ("COMMIT", "END", "ROLLBACK", "PREPARE"):
            return "END"
        return None  # SAVEPOINT, RELEASE, ROLLBACK TO stay in the transaction
    if dialect != "mysql":
        return None
    if isinstance(statement, Unmodelled):
        return _ddl(statement)
    return None if isinstance(statement, _NO_IMPLICIT_COMMIT) else "END"


def _ddl(statement: Unmodelled) -> str | None:
    words = statement.first_words.upper().split()
    return "END" if words[:1] and words[0] in _DDL_WORDS else None
