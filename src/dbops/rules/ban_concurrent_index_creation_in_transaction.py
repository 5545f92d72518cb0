from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.rules.base import Rule, RuleContext, Violation


def non_transactional(words: tuple[str, ...]) -> str | None:
    """What makes a PostgreSQL statement refuse to run inside a transaction block, if anything."""
    head = words[:4]
    if "CONCURRENTLY" in words[:5] and words[:1] in (("CREATE",), ("DROP",), ("REINDEX",)):
        return f"{' '.join(words[: words.index('CONCURRENTLY') + 1])}"
    if words[:1] == ("VACUUM",):
        return "VACUUM"
    if words[:2] in (("CREATE", "DATABASE"), ("DROP", "DATABASE"), ("ALTER", "SYSTEM")):
        return " ".join(words[:2])
    if head[:2] in (("CREATE", "TABLESPACE"), ("DROP", "TABLESPACE")):
        return " ".join(words[:2])
    if words[:2] == ("REINDEX", "SYSTEM") or words[:2] == ("REINDEX", "DATABASE"):
        return " ".join(words[:2])
    return None


class BanConcurrentIndexCreationInTransaction(Rule):
    """
    ## What it does
    Reports statements PostgreSQL refuses to run inside a transaction block — `CREATE INDEX
    CONCURRENTLY`, `DROP INDEX CONCURRENTLY`, `REINDEX … CONCURRENTLY`, `VACUUM`, `CREATE/DROP
    DATABASE`, `ALTER SYSTEM` — in a migration that dbops applies in a transaction (PostgreSQL).

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
    needs_tree = False
    example_history = "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);"
    bad_example = "CREATE INDEX CONCURRENTLY users_email_idx ON users (email);"
    good_example = (
        "-- dbops:no-transaction\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);"
    )

    def check(self, context: RuleContext) -> Iterator[Violation]:
        if not context.in_transaction:
            return
        # Text words, not tokens: sqlglot's tokenizer keeps the rest of a command it does not
        # parse (REINDEX, VACUUM) as one token.
        what = non_transactional(tuple(context.statement.text.upper().split()))
        if what is not None:
            yield Violation(
                f"{what} cannot run inside a transaction; move it to a file marked "
                f"'-- dbops:no-transaction'"
            )
