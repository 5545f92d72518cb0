from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import (
    AlterDomain,
    AlterIndex,
    AlterObject,
    AlterSchema,
    AlterSequence,
    AlterTable,
    AlterType,
    RenameConstraint,
    Statement,
)
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, violation, written


class RenamingObject(Rule):
    """
    ## What it does
    Reports renaming an object other than a table or column (those are `renaming-table` and
    `renaming-column`): a view, materialized view, function, procedure, policy, trigger, rule, role,
    database, schema, type, enum value, sequence, index, domain, or a table's or domain's
    constraint.

    ## Why is this bad?
    Clients refer to these objects by name: queries select from views and call functions, drivers
    cast to types and compare enum values, code and monitoring name sequences, indexes and
    constraints (an upsert's `ON CONSTRAINT`). The running version of the application breaks when
    the name it uses disappears.

    ## Example
    ```sql
    ALTER FUNCTION add_one(bigint) RENAME TO increment;
    ```

    ## Use instead
    ```sql
    CREATE FUNCTION increment(i bigint) RETURNS bigint LANGUAGE sql AS 'SELECT add_one(i)';
    ```
    """

    name = "renaming-object"
    default_level = Level.WARNING
    dialects = POSTGRES
    category = "backward-compatibility"
    reads_model = True
    statement_kinds = (
        AlterObject,
        AlterSchema,
        AlterType,
        AlterSequence,
        AlterIndex,
        AlterTable,
        AlterDomain,
    )
    example_history = (
        "CREATE FUNCTION add_one(i bigint) RETURNS bigint LANGUAGE sql AS 'SELECT i + 1';"
    )
    bad_example = "ALTER FUNCTION add_one(bigint) RENAME TO increment;"
    good_example = (
        "CREATE FUNCTION increment(i bigint) RETURNS bigint LANGUAGE sql AS 'SELECT add_one(i)';"
    )

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        renamed = _renamed(statement)
        if renamed is not None:
            what, old, new = renamed
            yield violation(
                f"renaming {what} {old} to {new} may break existing clients that use the old name",
                statement.span,
            )
        if isinstance(statement, AlterTable):
            for action in statement.actions:
                if isinstance(action, RenameConstraint):
                    yield violation(
                        f"renaming constraint {action.old.written} of {written(statement.table)} "
                        f"to {action.new.written} may break existing clients that use the old name",
                        action.span,
                    )


def _renamed(statement: Statement) -> tuple[str, str, str] | None:
    """(what, old name, new name) of a rename, as written; None if it renames nothing here."""
    if isinstance(statement, AlterObject) and statement.action == "RENAME TO":
        return statement.object_kind.lower(), written(statement.name), written(statement.rename_to)
    if isinstance(statement, AlterSchema) and statement.rename_to is not None:
        return "schema", written(statement.name), written(statement.rename_to)
    if isinstance(statement, AlterSequence | AlterIndex) and statement.rename_to is not None:
        what = "sequence" if isinstance(statement, AlterSequence) else "index"
        return what, written(statement.name), written(statement.rename_to)
    if isinstance(statement, AlterType) and statement.action == "RENAME TO":
        return "type", written(statement.name), statement.value
    if isinstance(statement, AlterType) and statement.action == "RENAME VALUE":
        return f"value of type {written(statement.name)}", statement.old_value, statement.value
    if isinstance(statement, AlterDomain) and statement.action == "RENAME TO":
        return "domain", written(statement.name), statement.text.split()[-1]
    if isinstance(statement, AlterDomain) and statement.action == "RENAME CONSTRAINT":
        old = written(statement.constraint_name)
        return f"constraint of domain {written(statement.name)}", old, statement.text.split()[-1]
    return None
