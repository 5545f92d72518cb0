from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import Unmodelled
from dbops.rules.base import Rule, StatementContext, Violation


class NotReviewed(Rule):
    """
    ## What it does
    Reports a statement that dbops does not model and that no parser or engine of the dialect
    could validate, so that no rule reviewed it: the statement is named, with the reason.
    (PostgreSQL statements are always validated by PostgreSQL's own grammar, and SQLite ones by
    preparing them against the replayed schema in an in-memory SQLite: those are listed in the
    review's notes instead.)

    ## Why is this bad?
    A review that silently skips what it cannot read gives false confidence: a lock-taking or
    destructive statement could pass unseen. This finding is informational (it never fails a
    check); it tells the reviewer which statements to read by hand.

    ## Example
    ```sql
    INSTALL PLUGIN auth_socket SONAME 'auth_socket.so';
    ```

    ## Use instead
    ```sql
    CREATE TABLE users (id bigint PRIMARY KEY);
    ```
    (or read the statement yourself and keep it: the finding is only information)
    """

    name = "not-reviewed"
    default_level = Level.INFO
    category = "meta"
    dialects = frozenset({"mysql"})
    reads_model = True
    statement_kinds = (Unmodelled,)
    bad_example = "INSTALL PLUGIN auth_socket SONAME 'auth_socket.so';"
    good_example = "CREATE TABLE users (id bigint PRIMARY KEY);"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, Unmodelled)
        if statement.valid:
            return  # the dialect's own grammar or engine accepted it: listed in the notes
        what = statement.first_words or "this statement"
        yield Violation(
            f"not reviewed: {what} is not modelled by dbops ({statement.reason}); no rule "
            f"checked it",
            statement.span.line or None,
            statement.span.column or None,
        )
