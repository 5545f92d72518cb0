from __future__ import annotations

from collections.abc import Iterator, Mapping

from sqlglot import exp

from dbops.core.findings import Level
from dbops.core.schema import SchemaModel, drop_target
from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.shapes import alter_table, create_table


class SchemaConflict(Rule):
    """
    ## What it does
    Checks each statement against the schema replayed from all earlier migrations, offline:
    creating a table, index or column that already exists, or altering, dropping or renaming a
    table or column that does not exist. `IF [NOT] EXISTS` statements are not reported. Unknown
    tables are only reported once the history defines at least one table (a project whose
    baseline lives outside its migrations is not flooded).

    ## Why is this bad?
    The statement fails when applied ("relation already exists", "column does not exist"),
    usually because of a typo or two branches that changed the same table.

    ## Example
    ```sql
    ALTER TABLE users DROP COLUMN nick_name;
    ```

    ## Use instead
    ```sql
    ALTER TABLE users DROP COLUMN nickname;
    ```
    """

    name = "schema-conflict"
    bytebase_type = "builtin.walk-through-check"
    default_level = Level.WARNING
    category = "schema"
    example_history = "CREATE TABLE users (id bigint PRIMARY KEY, nickname text);"
    bad_example = "ALTER TABLE users DROP COLUMN nick_name;"
    good_example = "ALTER TABLE users DROP COLUMN nickname;"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        tree = context.statement.tree
        schema = context.schema
        created = create_table(tree)
        if created is not None and tree is not None:
            if not tree.args.get("exists") and schema.find_table(created[0]) is not None:
                yield Violation(f"table {created[0].name} already exists")
            return
        if isinstance(tree, exp.Create) and isinstance(tree.this, exp.Index):
            yield from _index_exists(tree, schema)
            return
        if isinstance(tree, exp.Drop) and (tree.args.get("kind") or "").upper() == "TABLE":
            if not tree.args.get("exists") and schema.tables:
                for table in [tree.this, *(tree.args.get("tables") or [])]:
                    if isinstance(table, exp.Table) and schema.find_table(table) is None:
                        yield Violation(f"table {table.name} does not exist")
            return
        altered = alter_table(tree)
        if altered is None or tree is None or tree.args.get("exists"):
            return
        table = schema.find_table(altered[0])
        if table is None:
            if schema.tables:
                yield Violation(f"table {altered[0].name} does not exist")
            return
        for action in altered[1]:
            yield from _column_conflicts(action, table.columns, schema)


def _index_exists(tree: exp.Create, schema: SchemaModel) -> Iterator[Violation]:
    index = tree.this
    table = index.args.get("table")
    if tree.args.get("exists") or not index.this or not isinstance(table, exp.Table):
        return
    table_schema = (
        schema.table_key(table).rsplit(".", 1)[0] if schema.dialect == "postgres" else None
    )
    if schema.find_index(schema.name_of(index.this), table_schema) is not None:
        yield Violation(f"index {index.name} already exists")


def _column_conflicts(
    action: exp.Expression, columns: Mapping[str, object], schema: SchemaModel
) -> Iterator[Violation]:
    if isinstance(action, exp.ColumnDef):
        name = schema.name_of(action.this)
        if name in columns and not action.args.get("exists"):
            yield Violation(f'column "{name}" already exists')
        return
    target: exp.Expression | None = None
    if isinstance(action, exp.Drop) and (action.args.get("kind") or "COLUMN") == "COLUMN":
        target = None if action.args.get("exists") else drop_target(action)
    elif isinstance(action, exp.RenameColumn | exp.AlterColumn):
        target = action.this
    if target is not None and schema.name_of(target) not in columns:
        yield Violation(f'column "{schema.name_of(target)}" does not exist')
