from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import AddColumn, AddConstraint, AlterTable, ConstraintKind
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, lock_phrase, violation


class AddingSerialPrimaryKeyField(Rule):
    """
    ## What it does
    Reports adding a primary key to an existing table, as a new column's `PRIMARY KEY` (`ADD COLUMN
    id serial PRIMARY KEY`) or as `ADD PRIMARY KEY (…)`, unless it is `… PRIMARY KEY USING INDEX`
    (PostgreSQL).

    ## Why is this bad?
    The primary key's unique index is built while the ALTER holds ACCESS EXCLUSIVE on the table:
    nothing can read or write it for the whole build. Build the index first with `CREATE UNIQUE
    INDEX CONCURRENTLY`, then add the key `USING INDEX`, which only takes the lock briefly.

    ## Example
    ```sql
    ALTER TABLE public.items ADD PRIMARY KEY (id);
    ```

    ## Use instead
    ```sql
    ALTER TABLE public.items ADD CONSTRAINT items_pkey PRIMARY KEY USING INDEX items_id_idx;
    ```
    """

    name = "adding-serial-primary-key-field"
    default_level = Level.WARNING
    dialects = POSTGRES
    category = "lock-safety"
    reads_model = True
    statement_kinds = (AlterTable,)
    example_history = (
        "CREATE TABLE public.items (id bigint NOT NULL, name text);\nCREATE UNIQUE INDEX "
        "items_id_idx ON public.items (id);"
    )
    bad_example = "ALTER TABLE public.items ADD PRIMARY KEY (id);"
    good_example = (
        "SET lock_timeout = '2s';\n"
        "ALTER TABLE public.items ADD CONSTRAINT items_pkey PRIMARY KEY USING INDEX items_id_idx;"
    )

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, AlterTable)
        phrase = lock_phrase(context.locks)
        if phrase is None:
            return  # a table this file created: nobody waits for its index build
        for action in statement.actions:
            if isinstance(action, AddColumn) and action.column.primary_key:
                yield violation(
                    f"adding primary key column {action.column.name.written} builds its index "
                    f"while the ALTER {phrase}; build a unique index CONCURRENTLY and add the "
                    "key USING INDEX",
                    action.span,
                )
            elif (
                isinstance(action, AddConstraint)
                and action.constraint.kind is ConstraintKind.PRIMARY_KEY
                and action.constraint.using_index is None
            ):
                yield violation(
                    f"ADD PRIMARY KEY builds its index while the ALTER {phrase}; build a unique "
                    "index CONCURRENTLY and add the key USING INDEX",
                    action.span,
                )
