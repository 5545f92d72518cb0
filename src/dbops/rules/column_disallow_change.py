from __future__ import annotations

from collections.abc import Iterator

from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.mysql_shapes import modified_columns


class ColumnDisallowChange(Rule):
    """
    ## What it does
    Reports MySQL `ALTER TABLE … CHANGE [COLUMN] old new …`.

    ## Why is this bad?
    `CHANGE` renames and redefines a column in one go: a typo in the repeated name renames the
    column by accident, and the whole definition must be restated, so an attribute left out
    (a default, `NOT NULL`, a comment) is silently dropped. Use `RENAME COLUMN` to rename and
    `MODIFY` to redefine.

    ## Example
    ```sql
    ALTER TABLE users CHANGE COLUMN name name varchar(100) NOT NULL;
    ```

    ## Use instead
    ```sql
    ALTER TABLE users MODIFY COLUMN name varchar(100) NOT NULL;
    ```
    """

    name = "column-disallow-change"
    bytebase_type = "column.disallow-change"
    default_level = None
    dialects = frozenset({"mysql"})
    category = "column"
    needs_tree = False
    example_history = "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(50));"
    bad_example = "ALTER TABLE users CHANGE COLUMN name name varchar(100) NOT NULL;"
    good_example = "ALTER TABLE users MODIFY COLUMN name varchar(100) NOT NULL;"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        statement = context.statement
        if statement.opaque:
            words = statement.keywords
            if words[:2] == ("ALTER", "TABLE") and "CHANGE" in words:
                yield Violation("CHANGE COLUMN; use RENAME COLUMN or MODIFY COLUMN")
            return
        for action in modified_columns(statement.tree):
            if action.args.get("rename_from") is not None:
                yield Violation(
                    f'CHANGE COLUMN "{action.args["rename_from"].name}"; use RENAME COLUMN '
                    f"or MODIFY COLUMN"
                )
