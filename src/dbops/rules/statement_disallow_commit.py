from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import TransactionControl
from dbops.rules.base import Rule, StatementContext, Violation


class StatementDisallowCommit(Rule):
    """
    ## What it does
    Reports `COMMIT` statements (and `END`, PostgreSQL's spelling of it), whether or not the
    file runs in a transaction.

    ## Why is this bad?
    An explicit COMMIT splits the change into pieces that cannot be rolled back together; a
    failure halfway leaves the database half migrated.

    ## Example
    ```sql
    INSERT INTO settings (key, value) VALUES ('a', 'b');
    COMMIT;
    ```

    ## Use instead
    ```sql
    INSERT INTO settings (key, value) VALUES ('a', 'b');
    ```
    """

    name = "statement-disallow-commit"
    bytebase_type = "statement.disallow-commit"
    default_level = None
    category = "statement"
    bad_example = "INSERT INTO settings (key, value) VALUES ('a', 'b');\nCOMMIT;"
    good_example = "INSERT INTO settings (key, value) VALUES ('a', 'b');"
    reads_model = True
    statement_kinds = (TransactionControl,)

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, TransactionControl)
        if statement.action in ("COMMIT", "END"):  # END is PostgreSQL's COMMIT
            yield Violation(f"explicit {statement.text.split()[0]} splits the migration into parts")
