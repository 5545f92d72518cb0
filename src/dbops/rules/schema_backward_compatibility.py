from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.core.schema import to_sql
from dbops.core.schema_sqlglot import legacy_type_sql
from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.shapes import alter_table
from dbops.rules.tokens import is_rename_table


class SchemaBackwardCompatibility(Rule):
    """
    ## What it does
    Reports changes that break the application version still running while the migration
    applies: dropping a table, materialized view, schema or database, dropping or renaming a
    column or table (also by MySQL `CHANGE COLUMN`), changing a column's type (also by
    `MODIFY`/`CHANGE` with another type), and adding a primary key, unique key or foreign
    key to an existing table. (Dropping a plain view is not reported: it holds no data and is
    usually recreated right away.)

    ## Why is this bad?
    During a rolling deploy old code runs against the new schema; each of these changes makes
    some of its queries fail.

    ## Example
    ```sql
    ALTER TABLE users DROP COLUMN nickname;
    ```

    ## Use instead
    ```sql
    ALTER TABLE users ADD COLUMN display_name text;
    ```
    """

    name = "schema-backward-compatibility"
    bytebase_type = "schema.backward-compatibility"
    default_level = None
    category = "schema"
    needs_tree = False
    example_history = "CREATE TABLE users (id bigint PRIMARY KEY, nickname text);"
    bad_example = "ALTER TABLE users DROP COLUMN nickname;"
    good_example = "ALTER TABLE users ADD COLUMN display_name text;"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        statement = context.statement
        words = statement.keywords
        if words[:1] == ("DROP",):
            kind = words[1:3]
            if kind[:1] in (("TABLE",), ("SCHEMA",), ("DATABASE",)) or kind == (
                "MATERIALIZED",
                "VIEW",
            ):
                yield Violation(
                    f"DROP {' '.join(kind if kind[0] == 'MATERIALIZED' else kind[:1])} breaks "
                    f"code that still uses it"
                )
            return
        if is_rename_table(statement):
            yield Violation("renaming a table breaks code that uses the old name")
            return
        altered = alter_table(statement.tree) if not statement.opaque else None
        if altered is None:
            return
        for action in altered[1]:
            problem = _problem(action) or _mysql_change_problem(action, altered[0], context)
            if problem:
                yield Violation(f"{problem} may break the running application")
                return


def _mysql_change_problem(
    action: exp.Expression, table: exp.Table, context: RuleContext
) -> str | None:
    """MySQL `CHANGE a b …` renames; `MODIFY`/`CHANGE` restating another type changes it."""
    if not isinstance(action, exp.ModifyColumn) or not isinstance(action.this, exp.ColumnDef):
        return None
    definition = action.this
    old = context.schema.name_of(action.args.get("rename_from") or definition.this)
    if old != context.schema.name_of(definition.this):
        return "renaming a column"
    known = context.schema.find_table(table)
    column = known.columns.get(old) if known else None
    kind = definition.args.get("kind")
    new_type = to_sql(kind, context.dialect) if kind is not None else ""
    if column is not None and legacy_type_sql(column, context.dialect) != new_type:
        return "changing a column type"
    return None


def _problem(action: exp.Expression) -> str | None:
    if isinstance(action, exp.Drop) and (action.args.get("kind") or "COLUMN") == "COLUMN":
        return "dropping a column"
    if isinstance(action, exp.RenameColumn):
        return "renaming a column"
    if isinstance(action, exp.AlterRename):
        return "renaming a table"
    if isinstance(action, exp.AlterColumn) and action.args.get("dtype") is not None:
        return "changing a column type"
    if isinstance(action, exp.AddConstraint) and action.find(
        exp.PrimaryKey, exp.UniqueColumnConstraint, exp.ForeignKey
    ):
        return "adding a key constraint"
    return None
