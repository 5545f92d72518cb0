from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.shapes import create_table, default_of

# The functions that read the clock, as MySQL accepts them in DEFAULT and ON UPDATE.
_NOW = frozenset({"NOW", "CURRENT_TIMESTAMP", "LOCALTIME", "LOCALTIMESTAMP"})


class ColumnCurrentTimeCountLimit(Rule):
    """
    ## What it does
    Reports MySQL tables with more than two columns that default to the current time, or more
    than one column `ON UPDATE CURRENT_TIMESTAMP`.

    ## Why is this bad?
    A table needs one creation time and one update time. More clock columns are copies that
    drift apart in meaning (and before MySQL 5.6.5 a table could have only one).

    ## Example
    ```sql
    CREATE TABLE orders (
      id bigint PRIMARY KEY,
      created_at datetime DEFAULT NOW(),
      updated_at datetime DEFAULT NOW() ON UPDATE NOW(),
      touched_at datetime DEFAULT NOW() ON UPDATE NOW()
    );
    ```

    ## Use instead
    ```sql
    CREATE TABLE orders (
      id bigint PRIMARY KEY,
      created_at datetime DEFAULT NOW(),
      updated_at datetime DEFAULT NOW() ON UPDATE NOW()
    );
    ```
    """

    name = "column-current-time-count-limit"
    bytebase_type = "column.current-time-count-limit"
    default_level = None
    dialects = frozenset({"mysql"})
    category = "column"
    bad_example = (
        "CREATE TABLE orders (\n  id bigint PRIMARY KEY,\n  created_at datetime DEFAULT NOW(),\n"
        "  updated_at datetime DEFAULT NOW() ON UPDATE NOW(),\n"
        "  touched_at datetime DEFAULT NOW() ON UPDATE NOW()\n);"
    )
    good_example = (
        "CREATE TABLE orders (\n  id bigint PRIMARY KEY,\n  created_at datetime DEFAULT NOW(),\n"
        "  updated_at datetime DEFAULT NOW() ON UPDATE NOW()\n);"
    )

    def check(self, context: RuleContext) -> Iterator[Violation]:
        created = create_table(context.statement.tree)
        if created is None:
            return
        definitions = [d for d in created[1] if isinstance(d, exp.ColumnDef)]
        defaults = sum(_reads_clock(default_of(d)) for d in definitions)
        updates = sum(_reads_clock(_on_update(d)) for d in definitions)
        if defaults > 2:
            yield Violation(f"{defaults} columns default to the current time (at most 2)")
        if updates > 1:
            yield Violation(f"{updates} columns are ON UPDATE the current time (at most 1)")


def _on_update(definition: exp.ColumnDef) -> exp.Expression | None:
    for constraint in definition.constraints:
        if isinstance(constraint.kind, exp.OnUpdateColumnConstraint):
            value = constraint.kind.this
            return value if isinstance(value, exp.Expression) else None
    return None


def _reads_clock(node: exp.Expression | None) -> bool:
    if isinstance(node, exp.CurrentTimestamp):
        return True
    if isinstance(node, exp.Func):
        name = node.name if isinstance(node, exp.Anonymous) else node.sql_name()
        return name.upper() in _NOW
    return False
