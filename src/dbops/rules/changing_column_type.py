from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.core.findings import Level
from dbops.core.schema import to_sql
from dbops.core.schema_sqlglot import legacy_type_sql
from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.shapes import alter_table


class ChangingColumnType(Rule):
    """
    ## What it does
    Reports `ALTER TABLE … ALTER COLUMN … TYPE` (and MySQL's `MODIFY`/`CHANGE` with a new type).

    ## Why is this bad?
    Most type changes rewrite the table and every index on it under an exclusive lock, and
    running application code may not read the new type. Narrowing types can also fail or lose
    data.

    ## Example
    ```sql
    ALTER TABLE users ALTER COLUMN name TYPE varchar(100);
    ```

    ## Use instead
    ```sql
    -- add a new column, backfill it in batches, switch the application, then drop the old one
    ALTER TABLE users ADD COLUMN name_v2 varchar(100);
    ```
    """

    name = "changing-column-type"
    bytebase_type = "column.disallow-change-type"
    default_level = Level.WARNING
    category = "lock-safety"
    needs_tree = False
    example_history = "CREATE TABLE users (id bigint PRIMARY KEY, name text);"
    bad_example = "ALTER TABLE users ALTER COLUMN name TYPE varchar(100);"
    good_example = "ALTER TABLE users ADD COLUMN name_v2 varchar(100);"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        statement = context.statement
        altered = alter_table(statement.tree) if not statement.opaque else None
        if altered is not None:
            for action in altered[1]:
                if isinstance(action, exp.AlterColumn) and action.args.get("dtype") is not None:
                    yield Violation(
                        f'changing the type of column "{action.name}" rewrites the table'
                    )
                elif isinstance(action, exp.ModifyColumn) and _type_changes(
                    action, altered[0], context
                ):
                    yield Violation(f'MODIFY/CHANGE gives column "{action.this.name}" a new type')
            return
        words = statement.keywords
        if words[:2] == ("ALTER", "TABLE") and ("MODIFY" in words or "CHANGE" in words):
            yield Violation("changing a column's definition may rewrite the table")


def _type_changes(action: exp.ModifyColumn, table: exp.Table, context: RuleContext) -> bool:
    """MySQL MODIFY/CHANGE restates the whole column: a type change only if the type differs
    from what the schema model knows (unknown: assume it changes)."""
    definition = action.this
    known = context.schema.find_table(table)
    old_name = action.args.get("rename_from") or definition.this
    column = known.columns.get(context.schema.name_of(old_name)) if known else None
    kind = definition.args.get("kind")
    new_type = to_sql(kind, context.dialect) if kind is not None else ""
    return column is None or legacy_type_sql(column, context.dialect) != new_type
