from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import AlterTable, CreateTable
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, violation, written_types


class PreferTextField(Rule):
    """
    ## What it does
    Reports `varchar(n)` (`character varying(n)`) columns in `CREATE TABLE`, `ADD COLUMN` and `ALTER
    COLUMN … TYPE` (PostgreSQL); `varchar` without a length is `text` and is not reported.

    ## Why is this bad?
    A length limit is a constraint that cannot be changed online: raising it later is an `ALTER
    COLUMN … TYPE` that takes ACCESS EXCLUSIVE on the table (reads and writes wait), and lowering it
    rewrites the table. `text` with a `CHECK (length(…) <= n)` constraint can be changed with `NOT
    VALID` + `VALIDATE` instead.

    ## Example
    ```sql
    CREATE TABLE public.users (id bigint PRIMARY KEY, email varchar(255) NOT NULL);
    ```

    ## Use instead
    ```sql
    CREATE TABLE public.users (
      id bigint PRIMARY KEY,
      email text NOT NULL CHECK (length(email) <= 255)
    );
    ```
    """

    name = "prefer-text-field"
    default_level = Level.WARNING
    dialects = POSTGRES
    category = "lock-safety"
    reads_model = True
    statement_kinds = (
        CreateTable,
        AlterTable,
    )
    bad_example = "CREATE TABLE public.users (id bigint PRIMARY KEY, email varchar(255) NOT NULL);"
    good_example = (
        "CREATE TABLE public.users (\nid bigint PRIMARY KEY,\nemail text NOT NULL CHECK "
        "(length(email) <= 255)\n);"
    )

    def check(self, context: StatementContext) -> Iterator[Violation]:
        for column_type in written_types(context.statement):
            if column_type.name == "character varying" and column_type.length is not None:
                yield violation(
                    f"{column_type.written}: changing the limit later takes ACCESS EXCLUSIVE on "
                    "the table; use text with a CHECK constraint on its length",
                    column_type.span if column_type.span.line else context.statement.span,
                )
