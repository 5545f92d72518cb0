from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import (
    AlterDomain,
    AlterObject,
    AlterSequence,
    AlterTable,
    AlterType,
    SetSchema,
    Statement,
)
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, violation, written


class BanSetSchema(Rule):
    """
    ## What it does
    Reports `… SET SCHEMA` on a table, view, function, type, domain, sequence or extension.

    ## Why is this bad?
    Moving an object to another schema changes its qualified name: clients that qualify it, or whose
    `search_path` does not include the new schema, stop finding it.

    ## Example
    ```sql
    ALTER TABLE public.orders SET SCHEMA archive;
    ```

    ## Use instead
    ```sql
    CREATE VIEW archive.orders AS SELECT * FROM public.orders;
    ```
    """

    name = "ban-set-schema"
    default_level = Level.WARNING
    dialects = POSTGRES
    category = "backward-compatibility"
    reads_model = True
    statement_kinds = (
        AlterTable,
        AlterObject,
        AlterType,
        AlterDomain,
        AlterSequence,
    )
    example_history = (
        "CREATE TABLE public.orders (id bigint PRIMARY KEY, total numeric NOT NULL, note text);\n"
        "CREATE SCHEMA archive;"
    )
    bad_example = "ALTER TABLE public.orders SET SCHEMA archive;"
    good_example = "CREATE VIEW archive.orders AS SELECT * FROM public.orders;"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        if isinstance(statement, AlterTable):
            for action in statement.actions:
                if isinstance(action, SetSchema):
                    yield violation(
                        f"moving {written(statement.table)} to schema {action.schema.written} "
                        "breaks existing clients that find it in its old schema",
                        action.span,
                    )
        elif _moves(statement):
            yield violation(
                "moving an object to another schema breaks existing clients that find it in its "
                "old schema",
                statement.span,
            )


def _moves(statement: Statement) -> bool:
    if isinstance(statement, AlterObject | AlterType | AlterDomain):
        return statement.action == "SET SCHEMA"
    return isinstance(statement, AlterSequence) and "SET SCHEMA" in statement.options
