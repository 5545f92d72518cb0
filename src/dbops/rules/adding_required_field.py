from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.core.findings import Level
from dbops.core.schema import column_from_definition
from dbops.core.sql import node_line
from dbops.rules.base import Rule, RuleContext, Violation


class AddingRequiredField(Rule):
    """
    ## What it does
    Reports `ALTER TABLE … ADD COLUMN … NOT NULL` without a `DEFAULT` on a table that already
    exists.

    ## Why is this bad?
    Existing rows have no value for the new column, so the statement fails on any table that
    has rows (PostgreSQL, SQLite) or silently fills in the type's zero value (MySQL in
    non-strict mode). It passes on an empty development database and breaks in production.

    ## Example
    ```sql
    ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL;
    ```

    ## Use instead
    ```sql
    ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL DEFAULT 0;
    ```
    """

    name = "adding-required-field"
    bytebase_type = "column.disallow-add-not-null"
    default_level = Level.ERROR
    category = "lock-safety"
    example_history = "CREATE TABLE users (id bigint PRIMARY KEY);"
    bad_example = "ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL;"
    good_example = "ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL DEFAULT 0;"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        tree = context.statement.tree
        if not isinstance(tree, exp.Alter) or not isinstance(tree.this, exp.Table):
            return
        existing = context.schema.find_table(tree.this)
        if existing is not None and existing.created_in == context.file.path:
            return  # created in this same migration: it has no rows yet
        for action in tree.args.get("actions") or []:
            if not isinstance(action, exp.ColumnDef):
                continue
            column = column_from_definition(action, context.dialect)
            generated = action.find(exp.GeneratedAsIdentityColumnConstraint) is not None
            if not column.nullable and column.default is None and not generated:
                yield Violation(
                    f'column "{column.name}" is added NOT NULL without a DEFAULT: it fails on a '
                    f"table that has rows; add a DEFAULT, or add it nullable, backfill, then "
                    f"set NOT NULL",
                    line=node_line(action, context.statement),
                )
