from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.rules.base import Rule, RuleContext, Violation


class StatementDisallowOnDelCascade(Rule):
    """
    ## What it does
    Reports foreign keys declared `ON DELETE CASCADE`.

    ## Why is this bad?
    One DELETE silently removes rows in other tables, possibly many and transitively; the
    application never sees it happen.

    ## Example
    ```sql
    CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users ON DELETE CASCADE);
    ```

    ## Use instead
    ```sql
    CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users ON DELETE RESTRICT);
    ```
    """

    name = "statement-disallow-on-del-cascade"
    bytebase_type = "statement.disallow-on-del-cascade"
    default_level = None
    category = "statement"
    bad_example = (
        "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users "
        "ON DELETE CASCADE);"
    )
    good_example = (
        "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users "
        "ON DELETE RESTRICT);"
    )

    def check(self, context: RuleContext) -> Iterator[Violation]:
        tree = context.statement.tree
        if tree is None:
            return
        for reference in tree.find_all(exp.Reference):
            options = " ".join(
                str(option).upper() for option in reference.args.get("options") or []
            )
            if "ON DELETE CASCADE" in options:
                yield Violation("ON DELETE CASCADE deletes rows in other tables silently")
                return
