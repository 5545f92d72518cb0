from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.core.findings import Level
from dbops.core.schema import CHECK, column_from_definition, drop_target
from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.shapes import alter_table, default_of

# What SQLite's ALTER TABLE cannot do (https://www.sqlite.org/lang_altertable.html): it only
# renames tables and columns, adds columns (not PRIMARY KEY or UNIQUE ones) and drops columns.
_UNSUPPORTED = (
    (("ALTER", "COLUMN"), "ALTER COLUMN"),
    (("ADD", "CONSTRAINT"), "ADD CONSTRAINT"),
    (("DROP", "CONSTRAINT"), "DROP CONSTRAINT"),
    (("ADD", "PRIMARY"), "ADD PRIMARY KEY"),
    (("ADD", "UNIQUE"), "ADD UNIQUE"),
    (("ADD", "FOREIGN"), "ADD FOREIGN KEY"),
    (("MODIFY",), "MODIFY"),
    (("CHANGE",), "CHANGE"),
)


class SqliteAlterTableUnsupported(Rule):
    """
    ## What it does
    Reports `ALTER TABLE` forms SQLite does not support: ALTER COLUMN, ADD/DROP CONSTRAINT,
    adding keys, MODIFY/CHANGE, ADD COLUMN with PRIMARY KEY or UNIQUE, ADD COLUMN NOT NULL
    without a non-NULL default or with a non-constant default (`CURRENT_TIMESTAMP`, an
    expression), and DROP COLUMN of a column that is in a key, an index or a foreign key.

    ## Why is this bad?
    SQLite's ALTER TABLE only renames, adds plain columns and drops columns; anything else is a
    syntax error when the migration runs. Changing a column means rebuilding the table.

    ## Example
    ```sql
    ALTER TABLE users ALTER COLUMN email SET NOT NULL;
    ```

    ## Use instead
    ```sql
    CREATE TABLE users_new (id integer PRIMARY KEY, email text NOT NULL);
    INSERT INTO users_new (id, email) SELECT id, email FROM users;
    DROP TABLE users;
    ALTER TABLE users_new RENAME TO users;
    ```
    """

    name = "sqlite-alter-table-unsupported"
    default_level = Level.ERROR
    dialects = frozenset({"sqlite"})
    category = "dialect"
    needs_tree = False
    example_history = "CREATE TABLE users (id integer PRIMARY KEY, email text);"
    bad_example = "ALTER TABLE users ALTER COLUMN email SET NOT NULL;"
    good_example = "ALTER TABLE users ADD COLUMN nickname text;"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        words = tuple(context.statement.text.upper().replace("(", " ( ").split())
        if words[:2] != ("ALTER", "TABLE"):
            return
        for pattern, label in _UNSUPPORTED:
            if any(words[i : i + len(pattern)] == pattern for i in range(len(words))):
                yield Violation(f"SQLite's ALTER TABLE does not support {label}; rebuild the table")
                return
        if "ADD" in words and ("PRIMARY" in words or "UNIQUE" in words):
            yield Violation("SQLite cannot add a PRIMARY KEY or UNIQUE column; rebuild the table")
            return
        altered = alter_table(context.statement.tree)
        for action in altered[1] if altered else []:
            problem = _add_column_problem(action) or _drop_column_problem(action, context)
            if problem:
                yield Violation(problem)


def _add_column_problem(action: exp.Expression) -> str | None:
    """ADD COLUMN forms SQLite refuses (https://www.sqlite.org/lang_altertable.html#altertabaddcol)."""
    if not isinstance(action, exp.ColumnDef):
        return None
    column = column_from_definition(action, "sqlite")
    default = default_of(action)
    if not column.nullable and (default is None or isinstance(default, exp.Null)):
        return f'SQLite cannot add NOT NULL column "{action.name}" without a non-NULL default'
    if default is not None and not _constant(default):
        return (
            f'SQLite cannot add column "{action.name}" with a non-constant default '
            f"({default.sql('sqlite')}); add it without one and backfill"
        )
    return None


def _constant(default: exp.Expression) -> bool:
    # SQLite refuses any parenthesized expression and CURRENT_* here, only literals pass.
    node = default.this if isinstance(default, exp.Neg) else default
    return isinstance(node, exp.Literal | exp.Null | exp.Boolean)


def _drop_column_problem(action: exp.Expression, context: RuleContext) -> str | None:
    """DROP COLUMN fails on a key, indexed, UNIQUE or foreign-key column
    (https://www.sqlite.org/lang_altertable.html#altertabdropcol)."""
    if not isinstance(action, exp.Drop) or (action.args.get("kind") or "COLUMN") != "COLUMN":
        return None
    altered = alter_table(context.statement.tree)
    if altered is None:
        return None
    key = context.schema.table_key(altered[0])
    name = context.schema.name_of(drop_target(action))
    for index in context.schema.table_indexes(key):
        if name in index.columns and index.kind != CHECK:
            return f'SQLite cannot drop column "{name}": it is part of {index.kind} {index.name}'
    return None
