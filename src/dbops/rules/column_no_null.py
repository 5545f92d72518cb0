from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.core.findings import Level
from dbops.core.schema import column_nullable, to_sql
from dbops.core.sql import node_line
from dbops.rules.base import Rule, RuleContext, Violation


class ColumnNoNull(Rule):
    """
    ## What it does
    Reports a column created or added without `NOT NULL` (primary key columns are NOT NULL
    already).

    ## Why is this bad?
    A nullable column lets missing data in silently, makes every query reason about three-valued
    logic, and is hard to tighten later: adding NOT NULL to a populated table needs a backfill
    and a full-table check under lock.

    ## Example
    ```sql
    CREATE TABLE t2024 (id bigint PRIMARY KEY, name text);
    ```

    ## Use instead
    ```sql
    CREATE TABLE t2024 (id bigint PRIMARY KEY, name text NOT NULL);
    ```
    """

    name = "column-no-null"
    bytebase_type = "column.no-null"
    default_level = Level.ERROR
    category = "column"
    bad_example = "CREATE TABLE t2024 (id bigint PRIMARY KEY, name text);"
    good_example = "CREATE TABLE t2024 (id bigint PRIMARY KEY, name text NOT NULL);"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        tree = context.statement.tree
        if isinstance(tree, exp.Create) and isinstance(tree.this, exp.Schema):
            table = tree.this.this
            definitions = tree.this.expressions
            primary_key = {
                part.name.lower()
                for definition in definitions
                for key in definition.find_all(exp.PrimaryKey)
                for part in key.expressions
            }
        elif isinstance(tree, exp.Alter):
            table = tree.this
            actions = tree.args.get("actions") or []
            definitions = [a for a in actions if isinstance(a, exp.ColumnDef)]
            primary_key = set()
            for action in actions:
                if isinstance(action, exp.AlterColumn) and action.args.get("allow_null"):
                    yield Violation(f'column "{action.name}" is made nullable; keep it NOT NULL')
        else:
            return
        table_name = to_sql(table, context.dialect) if table is not None else "?"
        for definition in definitions:
            if not isinstance(definition, exp.ColumnDef):
                continue
            if column_nullable(definition) and definition.name.lower() not in primary_key:
                yield Violation(
                    f'column "{definition.name}" of table {table_name} can be NULL; '
                    f"declare it NOT NULL",
                    line=node_line(definition, context.statement),
                )
