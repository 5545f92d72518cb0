from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import (
    AddColumn,
    AddConstraint,
    AlterTable,
    Constraint,
    CreateTable,
    ModifyColumn,
    Statement,
)
from dbops.rules.base import Rule, StatementContext, Violation


class StatementDisallowOnDelCascade(Rule):
    """
    ## What it does
    Reports foreign keys declared `ON DELETE CASCADE`.

    ## Why is this bad?
    One DELETE silently removes rows in other tables, possibly many and transitively; the
    application never sees it happen.

    ## Example
    ```sql
    CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users ON DELETE CASCADE);
    ```

    ## Use instead
    ```sql
    CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users ON DELETE RESTRICT);
    ```
    """

    name = "statement-disallow-on-del-cascade"
    bytebase_type = "statement.disallow-on-del-cascade"
    default_level = None
    category = "statement"
    bad_example = (
        "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users "
        "ON DELETE CASCADE);"
    )
    good_example = (
        "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users "
        "ON DELETE RESTRICT);"
    )
    reads_model = True
    statement_kinds = (CreateTable, AlterTable)

    def check(self, context: StatementContext) -> Iterator[Violation]:
        # At the statement, as Bytebase reports it; the message names the foreign key.
        for constraint in _constraints(context.statement):
            target = constraint.references
            if target is not None and target.on_delete == "CASCADE":
                columns = ", ".join(column.written for column in constraint.columns)
                yield Violation(
                    f"foreign key ({columns}) REFERENCES {target.table.written} ON DELETE CASCADE "
                    "deletes rows in other tables silently"
                )


def _constraints(statement: Statement) -> Iterator[Constraint]:
    """Every constraint a statement defines, inline on columns too."""
    if isinstance(statement, CreateTable):
        for column in statement.columns:
            yield from column.constraints
        yield from statement.constraints
    elif isinstance(statement, AlterTable):
        for action in statement.actions:
            if isinstance(action, AddColumn | ModifyColumn):
                yield from action.column.constraints
            elif isinstance(action, AddConstraint):
                yield action.constraint
