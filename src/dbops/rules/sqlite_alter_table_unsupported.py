from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.schema import CHECK
from dbops.core.statements import (
    Action,
    AddColumn,
    AddConstraint,
    AlterTable,
    ConstraintKind,
    DropColumn,
    Expr,
    ExprKind,
    ModifyColumn,
    RenameColumn,
    RenameTo,
)
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.pointing import violation_at

# What SQLite's ALTER TABLE can do (https://www.sqlite.org/lang_altertable.html): rename the
# table, rename a column, add a column (not a PRIMARY KEY or UNIQUE one), drop a column.
_SUPPORTED = (RenameTo, RenameColumn, AddColumn, DropColumn)


class SqliteAlterTableUnsupported(Rule):
    """
    ## What it does
    Reports `ALTER TABLE` forms SQLite parses but refuses when the migration runs: ADD COLUMN
    with PRIMARY KEY or UNIQUE, ADD COLUMN NOT NULL without a non-NULL default or with a
    non-constant default (`CURRENT_TIMESTAMP`, an expression), and DROP COLUMN of a column that
    is in a key, an index or a foreign key; and any other action than rename, add and drop.
    The forms SQLite's grammar does not have at all (ALTER COLUMN, ADD/DROP CONSTRAINT,
    MODIFY/CHANGE) are reported as `syntax-error`, naming the form.

    ## Why is this bad?
    SQLite's ALTER TABLE only renames, adds plain columns and drops unindexed ones; anything
    else fails when the migration runs. Changing a column means rebuilding the table.

    ## Example
    ```sql
    ALTER TABLE users ADD COLUMN age integer NOT NULL;
    ```

    ## Use instead
    ```sql
    ALTER TABLE users ADD COLUMN age integer NOT NULL DEFAULT 0;
    ```
    (or rebuild the table: create `users_new`, copy the rows, drop `users`, rename `users_new`)
    """

    name = "sqlite-alter-table-unsupported"
    default_level = Level.ERROR
    dialects = frozenset({"sqlite"})
    category = "dialect"
    example_history = "CREATE TABLE users (id integer PRIMARY KEY, email text);"
    bad_example = "ALTER TABLE users ADD COLUMN age integer NOT NULL;"
    good_example = "ALTER TABLE users ADD COLUMN age integer NOT NULL DEFAULT 0;"
    reads_model = True
    statement_kinds = (AlterTable,)

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, AlterTable)
        for action in statement.actions:
            problem = _unsupported(action)
            if problem is None and isinstance(action, AddColumn):
                problem = _add_column_problem(action)
            if problem is None and isinstance(action, DropColumn):
                problem = _drop_column_problem(action, statement, context)
            if problem:
                yield violation_at(problem, action.span, statement.span)


def _unsupported(action: Action) -> str | None:
    if isinstance(action, _SUPPORTED):
        return None
    return f"SQLite's ALTER TABLE does not support {_form(action)}; rebuild the table"


def _form(action: Action) -> str:
    """How the user wrote the refused form, in a few words."""
    if isinstance(action, AddConstraint):
        constraint = action.constraint
        return "ADD CONSTRAINT" if constraint.name else f"ADD {constraint.kind.value.upper()}"
    if isinstance(action, ModifyColumn):
        return "MODIFY" if action.old is None else "CHANGE"
    words = action.text.split()
    return " ".join(words[:2]).upper() if words else action.kind.upper()


def _add_column_problem(action: AddColumn) -> str | None:
    """ADD COLUMN forms SQLite refuses (https://www.sqlite.org/lang_altertable.html#altertabaddcol)."""
    column = action.column
    name = column.name.written
    keys = {c.kind for c in column.constraints}
    if keys & {ConstraintKind.PRIMARY_KEY, ConstraintKind.UNIQUE}:
        return f'SQLite cannot add PRIMARY KEY or UNIQUE column "{name}"; rebuild the table'
    default = column.default.stripped() if column.default is not None else None
    if not column.nullable and (default is None or default.kind is ExprKind.NULL):
        return f'SQLite cannot add NOT NULL column "{name}" without a non-NULL default'
    if default is not None and not _constant(default):
        return (
            f'SQLite cannot add column "{name}" with the non-constant default '
            f"`{column.default.text if column.default else default.text}`; add it without one "
            "and backfill"
        )
    return None


def _constant(default: Expr) -> bool:
    """SQLite refuses any parenthesized expression and CURRENT_* here; literals pass."""
    node = default
    if node.kind is ExprKind.OPERATOR and node.name in ("-", "+") and len(node.arguments) == 1:
        node = node.arguments[0]
    return node.kind in (ExprKind.LITERAL, ExprKind.NULL) and not node.text.startswith("(")


def _drop_column_problem(
    action: DropColumn, statement: AlterTable, context: StatementContext
) -> str | None:
    """DROP COLUMN fails on a key, indexed, UNIQUE or foreign-key column
    (https://www.sqlite.org/lang_altertable.html#altertabdropcol)."""
    key = context.schema.key_of(statement.table)
    name = action.column.value
    for index in context.schema.table_indexes(key):
        if name in index.columns and index.kind != CHECK:
            return (
                f'SQLite cannot drop column "{action.column.written}": it is part of '
                f"{index.kind} {index.name}"
            )
    return None
