from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.core.findings import Level
from dbops.core.schema import PRIMARY, column_constraints
from dbops.parsing import typed_statement
from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.shapes import alter_table, create_table, keys_defined


class TableRequirePk(Rule):
    """
    ## What it does
    Reports a `CREATE TABLE` without a primary key.

    ## Why is this bad?
    Without a primary key, rows cannot be addressed reliably: logical replication and CDC tools
    refuse UPDATE and DELETE on such tables, ORMs misbehave, and duplicates creep in.

    ## Example
    ```sql
    CREATE TABLE audit_log (at timestamptz NOT NULL, message text NOT NULL);
    ```

    ## Use instead
    ```sql
    CREATE TABLE audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at timestamptz NOT NULL,
      message text NOT NULL
    );
    ```
    """

    name = "table-require-pk"
    bytebase_type = "table.require-pk"
    default_level = Level.ERROR
    category = "table"
    bad_example = "CREATE TABLE audit_log (at timestamptz NOT NULL, message text NOT NULL);"
    good_example = (
        "CREATE TABLE audit_log (id bigint PRIMARY KEY, at timestamptz NOT NULL, "
        "message text NOT NULL);"
    )

    def check(self, context: RuleContext) -> Iterator[Violation]:
        tree = context.statement.tree
        created = create_table(tree)
        if created is not None:
            if tree is None or tree.expression is not None or not created[1]:
                return  # CREATE TABLE … AS SELECT / LIKE: no column list to judge
            key = context.schema.table_key(created[0])
            if not _defines_primary_key(created[1]) and not _added_later(key, context):
                yield Violation(f"table {created[0].name} has no primary key")
            return
        altered = alter_table(tree)
        if altered is None:
            return
        key = context.schema.table_key(altered[0])
        if context.schema.primary_key(key) is None:
            return
        if _keeps_primary_key(altered[1], key, context):
            return
        if not _added_later(key, context):
            yield Violation(f"table {altered[0].name} loses its primary key")


def _keeps_primary_key(actions: list[exp.Expression], key: str, context: RuleContext) -> bool:
    """Whether the table still has a primary key after this ALTER TABLE. Only dropping,
    renaming or adding keys can change that; then the statement is replayed on a copy of just
    this table (`schema_after()` would replay the whole history a second time)."""
    if all(_leaves_keys_alone(action, key, context) for action in actions):
        return True
    piece = context.schema.table_slice(key)
    piece.apply(typed_statement(context.statement, context.dialect), context.file.path)
    return piece.primary_key(key) is not None


def _leaves_keys_alone(action: exp.Expression, key: str, context: RuleContext) -> bool:
    if isinstance(action, exp.ColumnDef):
        return next(column_constraints(action, key, context.schema), None) is None
    return isinstance(action, (exp.AlterColumn, exp.RenameColumn))


def _defines_primary_key(definitions: list[exp.Expression]) -> bool:
    return any(
        isinstance(definition, exp.PrimaryKey)
        or definition.find(exp.PrimaryKey, exp.PrimaryKeyColumnConstraint) is not None
        for definition in definitions
    )


def _added_later(table_key: str, context: RuleContext) -> bool:
    return any(
        index.kind == PRIMARY and index.table == table_key
        for statement in context.following
        for index, _node in keys_defined(statement.tree, context.schema)
    )
