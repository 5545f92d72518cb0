from __future__ import annotations

from collections.abc import Iterator

from dbops.rules.base import Rule, RuleContext, Violation


class StatementDisallowCommit(Rule):
    """
    ## What it does
    Reports `COMMIT` statements, whether or not the file runs in a transaction.

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
    needs_tree = False
    bad_example = "INSERT INTO settings (key, value) VALUES ('a', 'b');\nCOMMIT;"
    good_example = "INSERT INTO settings (key, value) VALUES ('a', 'b');"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        if context.statement.keywords[:1] == ("COMMIT",):
            yield Violation("explicit COMMIT splits the migration into parts")
