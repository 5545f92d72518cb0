from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field
from sqlglot import exp

from dbops.core.schema import drop_target
from dbops.rules.base import NoOptions, Rule, RuleContext, Violation
from dbops.rules.shapes import alter_table, create_table


class RequiredColumnOptions(NoOptions):
    columns: list[str] = Field(
        default_factory=lambda: ["id", "created_ts", "updated_ts", "creator_id", "updater_id"],
        alias="list",
        description="columns every table must have",
    )


class ColumnRequired(Rule):
    """
    ## What it does
    Reports a table created without the required columns, or a statement that drops or
    renames a required column away.

    ## Why is this bad?
    Teams that rely on audit columns (`created_ts`, `creator_id`, …) on every table lose them
    silently when one table is created without them.

    ## Example
    ```sql
    CREATE TABLE notes (id bigint PRIMARY KEY, body text);
    ```

    ## Use instead
    ```sql
    CREATE TABLE notes (id bigint PRIMARY KEY, body text, created_ts timestamptz,
      updated_ts timestamptz, creator_id bigint, updater_id bigint);
    ```

    ## Options
    - `columns` (Bytebase: `list`): the required column names (default `id`, `created_ts`,
      `updated_ts`, `creator_id`, `updater_id`).
    """

    name = "column-required"
    bytebase_type = "column.required"
    default_level = None
    category = "column"
    Options = RequiredColumnOptions
    bad_example = "CREATE TABLE notes (id bigint PRIMARY KEY, body text);"
    good_example = (
        "CREATE TABLE notes (id bigint PRIMARY KEY, body text, created_ts timestamptz, "
        "updated_ts timestamptz, creator_id bigint, updater_id bigint);"
    )

    def check(self, context: RuleContext) -> Iterator[Violation]:
        assert isinstance(self.options, RequiredColumnOptions)
        required = [name.lower() for name in self.options.columns]
        tree = context.statement.tree
        created = create_table(tree)
        if created is not None and created[1]:
            names = {
                context.schema.name_of(d.this) for d in created[1] if isinstance(d, exp.ColumnDef)
            }
            missing = sorted(set(required) - names)
            if missing:
                yield Violation(
                    f"table {created[0].name} lacks required columns: {', '.join(missing)}"
                )
            return
        altered = alter_table(tree)
        removed: list[str] = []
        for action in altered[1] if altered else []:
            if (
                isinstance(action, exp.Drop) and (action.args.get("kind") or "COLUMN") == "COLUMN"
            ) or isinstance(action, exp.RenameColumn):
                removed.append(
                    context.schema.name_of(
                        drop_target(action) if isinstance(action, exp.Drop) else action.this
                    )
                )
        lost = sorted(name for name in removed if name in required)
        if lost and altered is not None:
            yield Violation(f"table {altered[0].name} loses required columns: {', '.join(lost)}")
