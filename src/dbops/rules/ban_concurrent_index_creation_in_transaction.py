from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Fix, Level
from dbops.core.statements import (
    AlterTable,
    CreateIndex,
    CreateSchema,
    Drop,
    DropIndex,
    Maintenance,
    Reindex,
    Unmodelled,
)
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.fix_edits import fix_of, header_is_safe, no_transaction_header
from dbops.rules.facts.lock_safety_transactions import non_transactional, runs_in_transaction


class BanConcurrentIndexCreationInTransaction(Rule):
    """
    ## What it does
    Reports statements PostgreSQL refuses to run inside a transaction block — `CREATE INDEX
    CONCURRENTLY`, `DROP INDEX CONCURRENTLY`, `REINDEX … CONCURRENTLY`, `DETACH PARTITION …
    CONCURRENTLY`, `VACUUM`, `CREATE/DROP DATABASE`, `ALTER SYSTEM`, `CREATE/DROP TABLESPACE` —
    where they would run in one (PostgreSQL). dbops applies every migration file in a
    transaction unless the file says `-- dbops:no-transaction`; in such a file, a statement
    after the file's own `BEGIN` (and before its `COMMIT`) is in a transaction too.

    ## Why is this bad?
    The migration fails when applied: "cannot run inside a transaction block". Such statements
    belong in a file of their own marked `-- dbops:no-transaction`.

    ## Example
    ```sql
    CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
    ```

    ## Use instead
    ```sql
    -- dbops:no-transaction
    CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
    ```
    """

    name = "ban-concurrent-index-creation-in-transaction"
    bytebase_type = "statement.non-transactional"
    default_level = Level.ERROR
    dialects = frozenset({"postgres"})
    category = "lock-safety"
    reads_model = True
    statement_kinds = (
        CreateIndex,
        DropIndex,
        Reindex,
        Maintenance,
        AlterTable,
        Drop,
        CreateSchema,
        Unmodelled,
    )
    example_history = "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);"
    bad_example = "CREATE INDEX CONCURRENTLY users_email_idx ON users (email);"
    good_example = (
        "-- dbops:no-transaction\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);"
    )

    def check(self, context: StatementContext) -> Iterator[Violation]:
        what = non_transactional(context.statement)
        if what is None or not runs_in_transaction(context):
            return
        where = (
            "this file runs in a transaction"
            if context.in_transaction
            else "the file's own BEGIN opened a transaction"
        )
        yield Violation(
            f"{what} cannot run inside a transaction block and {where}; move it to a file "
            f"marked '-- dbops:no-transaction'",
            fix=_header(context),
        )


def _header(context: StatementContext) -> Fix | None:
    """The `-- dbops:no-transaction` header, when dbops' own transaction is the one in the
    way and the file holds only index builds and settings (nothing that needs all or nothing)."""
    statements = [*context.previous, context.statement, *context.following]
    if not context.in_transaction or not header_is_safe(statements):
        return None
    return fix_of("run the file outside a transaction", *no_transaction_header(context.file))
