from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import Unmodelled
from dbops.rules.base import Rule, StatementContext, Violation


class NotReviewed(Rule):
    """
    ## What it does
    Reports a statement that dbops does not model, so that no rule could review it: the
    statement is named, with the reason.

    ## Why is this bad?
    A review that silently skips what it cannot read gives false confidence: a lock-taking or
    destructive statement could pass unseen. This finding is informational (it never fails a
    check); it tells the reviewer which statements to read by hand.

    ## Example
    ```sql
    CREATE RULE notify_me AS ON UPDATE TO users DO ALSO NOTIFY users;
    ```

    ## Use instead
    ```sql
    CREATE TABLE users (id bigint PRIMARY KEY);
    ```
    (or read the statement yourself and keep it: the finding is only information)
    """

    name = "not-reviewed"
    default_level = None  # TEMP
    category = "meta"
    reads_model = True
    statement_kinds = (Unmodelled,)
    bad_example = "CREATE RULE notify_me AS ON UPDATE TO users DO ALSO NOTIFY users;"
    good_example = "CREATE TABLE users (id bigint PRIMARY KEY);"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, Unmodelled)
        what = statement.first_words or "this statement"
        yield Violation(
            f"not reviewed: {what} is not modelled by dbops ({statement.reason}); no rule "
            f"checked it",
            statement.span.line or None,
            statement.span.column or None,
        )
