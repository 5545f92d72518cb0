from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.rules.base import Rule, RuleContext, Violation


class StatementDisallowOrderBy(Rule):
    """
    ## What it does
    Reports `ORDER BY` in MySQL `UPDATE` and `DELETE` statements.

    ## Why is this bad?
    Sorting the rows to change costs a sort of everything the `WHERE` matches, while locks are
    held; with a `LIMIT` it hides a batch job inside a migration. Use a condition that names
    the rows instead.

    ## Example
    ```sql
    UPDATE jobs SET state = 'queued' WHERE state = 'new' ORDER BY created_at;
    ```

    ## Use instead
    ```sql
    UPDATE jobs SET state = 'queued' WHERE state = 'new';
    ```
    """

    name = "statement-disallow-order-by"
    bytebase_type = "statement.disallow-order-by"
    default_level = None
    dialects = frozenset({"mysql"})
    category = "statement"
    bad_example = "UPDATE jobs SET state = 'queued' WHERE state = 'new' ORDER BY created_at;"
    good_example = "UPDATE jobs SET state = 'queued' WHERE state = 'new';"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        tree = context.statement.tree
        if isinstance(tree, exp.Update | exp.Delete) and tree.args.get("order") is not None:
            yield Violation(f"ORDER BY in {tree.key.upper()}; name the rows in WHERE instead")
