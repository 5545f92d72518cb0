from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.rules.base import Rule, RuleContext, Violation


class StatementWhereNoLeadingWildcardLike(Rule):
    """
    ## What it does
    Reports `LIKE '%…'` patterns that start with a wildcard.

    ## Why is this bad?
    A B-tree index cannot serve a pattern with a leading wildcard: the database scans the whole
    table or index.

    ## Example
    ```sql
    SELECT id FROM users WHERE email LIKE '%@example.com';
    ```

    ## Use instead
    ```sql
    SELECT id FROM users WHERE email LIKE 'admin@%';
    ```
    """

    name = "statement-where-no-leading-wildcard-like"
    bytebase_type = "statement.where.no-leading-wildcard-like"
    default_level = None
    category = "statement"
    bad_example = "SELECT id FROM users WHERE email LIKE '%@example.com';"
    good_example = "SELECT id FROM users WHERE email LIKE 'admin@%';"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        tree = context.statement.tree
        if tree is None:
            return
        for like in tree.find_all(exp.Like, exp.ILike):
            pattern = like.expression
            if isinstance(pattern, exp.Literal) and str(pattern.this).startswith(("%", "_")):
                yield Violation(f"LIKE '{pattern.this}' starts with a wildcard: no index can help")
                return
