from __future__ import annotations

from collections.abc import Iterator

from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.shapes import alter_table, create_table


class StatementMergeAlterTable(Rule):
    """
    ## What it does
    Reports a second statement that changes the same table in one migration (a CREATE TABLE
    followed by ALTER TABLE, or several ALTER TABLE), at the last of them.

    ## Why is this bad?
    Each ALTER TABLE takes the table's lock again and may rewrite it again; one statement with
    several actions does the work once.

    ## Example
    ```sql
    ALTER TABLE users ADD COLUMN a text;
    ALTER TABLE users ADD COLUMN b text;
    ```

    ## Use instead
    ```sql
    ALTER TABLE users ADD COLUMN a text, ADD COLUMN b text;
    ```
    """

    name = "statement-merge-alter-table"
    bytebase_type = "statement.merge-alter-table"
    default_level = None
    category = "statement"
    example_history = "CREATE TABLE users (id bigint PRIMARY KEY);"
    bad_example = "ALTER TABLE users ADD COLUMN a text;\nALTER TABLE users ADD COLUMN b text;"
    good_example = "ALTER TABLE users ADD COLUMN a text, ADD COLUMN b text;"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        altered = alter_table(context.statement.tree)
        if altered is None:
            return
        key = context.schema.table_key(altered[0])
        if any(_changes(statement.tree, context) == key for statement in context.following):
            return  # reported at the last change only
        count = 1 + sum(_changes(s.tree, context) == key for s in context.previous)
        if count > 1:
            yield Violation(f"{count} statements change table {altered[0].name}; merge them")


def _changes(tree: object, context: RuleContext) -> str | None:
    from sqlglot import exp

    if not isinstance(tree, exp.Expression):
        return None
    found = create_table(tree) or alter_table(tree)
    return context.schema.table_key(found[0]) if found else None
