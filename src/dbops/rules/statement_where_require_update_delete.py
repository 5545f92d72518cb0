from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.core.findings import Level
from dbops.rules.base import Rule, RuleContext, Violation


class StatementWhereRequireUpdateDelete(Rule):
    """
    ## What it does
    Reports `UPDATE` and `DELETE` statements without a `WHERE` clause.

    ## Why is this bad?
    Without WHERE, the statement changes every row of the table. That is rarely what a migration
    means, and on a large table it holds locks and bloats the write-ahead log for a long time.

    ## Example
    ```sql
    DELETE FROM sessions;
    ```

    ## Use instead
    ```sql
    DELETE FROM sessions WHERE expires_at < now();
    ```
    """

    name = "statement-where-require-update-delete"
    bytebase_type = "statement.where.require.update-delete"
    default_level = Level.ERROR
    category = "statement"
    bad_example = "DELETE FROM sessions;"
    good_example = "DELETE FROM sessions WHERE expires_at < now();"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        tree = context.statement.tree
        if isinstance(tree, exp.Update | exp.Delete) and tree.args.get("where") is None:
            verb = "UPDATE" if isinstance(tree, exp.Update) else "DELETE"
            yield Violation(f"{verb} without WHERE changes every row of the table")
