from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.rules.base import Rule, RuleContext, Violation


class RequireConcurrentIndexCreation(Rule):
    """
    ## What it does
    Reports `CREATE INDEX` without `CONCURRENTLY` on a table that existed before this migration
    (PostgreSQL).

    ## Why is this bad?
    A plain CREATE INDEX takes a SHARE lock: every INSERT, UPDATE and DELETE on the table waits
    until the whole index is built, which on a large table is minutes of downtime.
    `CREATE INDEX CONCURRENTLY` builds without blocking writes (it cannot run in a transaction:
    mark the file `-- dbops:no-transaction`).

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
    needs_tree = False
    example_history = "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);"
    bad_example = "CREATE INDEX users_email_idx ON users (email);"
    good_example = (
        "-- dbops:no-transaction\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);"
    )

    def check(self, context: RuleContext) -> Iterator[Violation]:
        words = context.statement.keywords
        if words[:1] != ("CREATE",) or "INDEX" not in words[:3]:
            return
        if "CONCURRENTLY" in words:
            return
        table = _indexed_table(words, context)
        if table is not None and not _created_in_this_file(table, context):
            yield Violation(
                "CREATE INDEX without CONCURRENTLY blocks writes to the table while it builds"
            )


def _indexed_table(words: tuple[str, ...], context: RuleContext) -> str | None:
    if "ON" not in words:
        return None
    position = words.index("ON") + 1
    tokens = context.statement.tokens
    if words[position : position + 1] == ("ONLY",):
        position += 1
    name = tokens[position].text if position < len(tokens) else None
    if position + 2 < len(tokens) and words[position + 1] == ".":
        name = tokens[position + 2].text
    return name.lower() if name else None


def _created_in_this_file(table: str, context: RuleContext) -> bool:
    """A table created earlier in the same migration is empty: indexing it locks nothing."""
    found = context.schema.tables_named(table)
    return bool(found) and all(existing.created_in == context.file.path for existing in found)
