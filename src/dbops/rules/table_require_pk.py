from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.core.findings import Level
from dbops.rules.base import Rule, RuleContext, Violation


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
        if not isinstance(tree, exp.Create) or (tree.args.get("kind") or "").upper() != "TABLE":
            return
        schema = tree.this
        if not isinstance(schema, exp.Schema) or tree.expression is not None:
            return  # CREATE TABLE … AS SELECT / LIKE: no column list to judge
        has_key = any(
            isinstance(definition, exp.PrimaryKey)
            or (
                isinstance(definition, exp.ColumnDef)
                and any(
                    isinstance(constraint.kind, exp.PrimaryKeyColumnConstraint)
                    for constraint in definition.constraints
                )
            )
            or (
                isinstance(definition, exp.Constraint)
                and definition.find(exp.PrimaryKey) is not None
            )
            for definition in schema.expressions
        )
        if not has_key:
            yield Violation(f"table {schema.this.sql(dialect=context.dialect)} has no primary key")
