from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field
from sqlglot import exp

from dbops.core.sql import ParsedStatement
from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.options import NumberOptions

_DML = (exp.Insert, exp.Update, exp.Delete, exp.Merge)


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
    needs_tree = False
    Options = StatementsInTransactionOptions
    example_history = "CREATE TABLE a (id bigint PRIMARY KEY, x int);"
    bad_example = "\n".join(f"UPDATE a SET x = 1 WHERE id = {n};" for n in range(1, 12))
    good_example = "UPDATE a SET x = 1 WHERE id IN (1, 2, 3);"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        assert isinstance(self.options, StatementsInTransactionOptions)
        if not _changes_data(context.statement):
            return
        count, opened = 1, context.in_transaction
        for earlier in reversed(context.previous):
            boundary = _boundary(earlier, context.dialect)
            if boundary:
                opened = boundary == "BEGIN"
                break
            count += _changes_data(earlier)
            if count > self.options.number + 1:
                return  # reported where the limit was crossed; walking further is quadratic
        if opened and count == self.options.number + 1:  # once, where the limit is crossed
            yield Violation(
                f"{count} data changes in one transaction (at most {self.options.number})"
            )


def _changes_data(statement: ParsedStatement) -> bool:
    return isinstance(statement.tree, _DML) or statement.keywords[:1] == ("REPLACE",)


def _boundary(statement: ParsedStatement, dialect: str) -> str | None:
    """ "BEGIN" where a transaction starts, "END" where one ends (in MySQL, DDL commits)."""
    first = statement.keywords[0] if statement.keywords else ""
    if first in ("BEGIN", "START"):
        return "BEGIN"
    if first in ("COMMIT", "ROLLBACK", "END"):
        return "END"
    if dialect == "mysql" and first in ("CREATE", "ALTER", "DROP", "RENAME", "TRUNCATE"):
        return "END"
    return None
