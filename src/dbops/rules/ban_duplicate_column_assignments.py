from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import Assignment, Insert, Update
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, violation


class BanDuplicateColumnAssignments(Rule):
    """
    ## What it does
    Reports an `UPDATE … SET` (or `INSERT … ON CONFLICT DO UPDATE SET`) that assigns the same column
    more than once, also through a row assignment `SET (a, b) = (…)`.

    ## Why is this bad?
    PostgreSQL rejects the statement (`multiple assignments to same column`): the migration fails
    when it runs, after everything before it in the file.

    ## Example
    ```sql
    UPDATE public.orders SET note = 'a', note = 'b' WHERE id = 1;
    ```

    ## Use instead
    ```sql
    UPDATE public.orders SET note = 'b' WHERE id = 1;
    ```
    """

    name = "ban-duplicate-column-assignments"
    default_level = Level.WARNING
    dialects = POSTGRES
    category = "backward-compatibility"
    reads_model = True
    statement_kinds = (
        Update,
        Insert,
    )
    example_history = "CREATE TABLE public.orders (id bigint PRIMARY KEY, note text);"
    bad_example = "UPDATE public.orders SET note = 'a', note = 'b' WHERE id = 1;"
    good_example = "UPDATE public.orders SET note = 'b' WHERE id = 1;"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assignments: tuple[Assignment, ...] = ()
        if isinstance(statement, Update):
            assignments = statement.assignments
        elif isinstance(statement, Insert):
            assignments = statement.updates
        seen: set[str] = set()
        for assignment in assignments:
            column = assignment.column
            if column.value in seen:
                yield violation(
                    f"column {column.written} is assigned more than once; PostgreSQL rejects the "
                    "statement",
                    column.span if column.span.line else assignment.span,
                )
            seen.add(column.value)
