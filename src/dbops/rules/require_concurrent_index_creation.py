from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Fix, Level
from dbops.core.statements import CreateIndex
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.fix_edits import (
    fix_of,
    header_is_safe,
    insert_after_prefix,
    no_transaction_header,
    words_pattern,
)
from dbops.rules.facts.lock_safety import created_in_this_file
from dbops.rules.facts.lock_safety_transactions import runs_in_transaction


class RequireConcurrentIndexCreation(Rule):
    """
    ## What it does
    Reports `CREATE INDEX` without `CONCURRENTLY` on a table that existed before this migration
    (PostgreSQL). `CREATE INDEX … ON ONLY` a partitioned table builds nothing and is not
    reported.

    ## Why is this bad?
    A plain CREATE INDEX takes a SHARE lock: every INSERT, UPDATE and DELETE on the table waits
    until the whole index is built, which on a large table is minutes of downtime.
    `CREATE INDEX CONCURRENTLY` builds without blocking writes. It cannot run in a transaction:
    dbops applies every file in one unless it is marked `-- dbops:no-transaction`, so the
    message says when the index also needs a file of its own.

    ## Example
    ```sql
    CREATE INDEX users_email_idx ON users (email);
    ```

    ## Use instead
    ```sql
    -- dbops:no-transaction
    CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
    ```
    """

    name = "require-concurrent-index-creation"
    bytebase_type = "index.create-concurrently"
    default_level = Level.WARNING
    dialects = frozenset({"postgres"})
    category = "lock-safety"
    reads_model = True
    statement_kinds = (CreateIndex,)
    example_history = "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);"
    bad_example = "CREATE INDEX users_email_idx ON users (email);"
    good_example = (
        "-- dbops:no-transaction\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);"
    )

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        if not isinstance(statement, CreateIndex) or statement.concurrently or statement.only:
            return
        if created_in_this_file(context, statement.table):
            return  # a table created earlier in this migration is empty: nothing waits
        move = (
            " in a file marked '-- dbops:no-transaction' (this one runs in a transaction)"
            if runs_in_transaction(context)
            else ""
        )
        yield Violation(
            f"CREATE INDEX without CONCURRENTLY takes a SHARE lock that blocks writes to "
            f"{statement.table.written} while it builds; use CREATE INDEX CONCURRENTLY{move}",
            fix=_concurrently(context, statement),
        )


def _concurrently(context: StatementContext, statement: CreateIndex) -> Fix | None:
    """CONCURRENTLY, and the no-transaction header it needs, when the file holds nothing else
    whose all-or-nothing run the header would end."""
    if not header_is_safe([*context.previous, statement, *context.following]):
        return None
    keyword = insert_after_prefix(statement.text, statement.span, _CREATE_INDEX, "CONCURRENTLY")
    return fix_of(
        "build the index CONCURRENTLY, outside a transaction",
        keyword,
        *no_transaction_header(context.file),
    )


_CREATE_INDEX = words_pattern("CREATE [UNIQUE] INDEX")
