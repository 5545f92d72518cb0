from __future__ import annotations

from collections.abc import Iterator, Sequence

from dbops.core.sql import ParsedStatement
from dbops.rules.base import Rule, RuleContext, Violation


def sets_lock_timeout(statement: ParsedStatement) -> bool:
    words = statement.keywords
    if words[:1] != ("SET",) and words[:2] != ("SELECT", "SET_CONFIG"):
        return False
    return any(word.strip("'\"") == "LOCK_TIMEOUT" for word in words[:5])


def _locked_table(words: tuple[str, ...], statement: ParsedStatement) -> str | None:
    """The existing table a locking DDL statement names, or None if it takes no table lock."""
    texts = [token.text for token in statement.tokens]
    if words[:2] == ("ALTER", "TABLE"):
        position = 2
        while position < len(words) and words[position] in ("IF", "EXISTS", "ONLY"):
            position += 1
    elif words[:1] == ("CREATE",) and "INDEX" in words[:3] and "CONCURRENTLY" not in words:
        position = words.index("ON") + 1 if "ON" in words else len(words)
        if words[position : position + 1] == ("ONLY",):
            position += 1
    else:
        return None
    if position >= len(texts):
        return None
    if position + 2 < len(texts) and texts[position + 1] == ".":
        return texts[position + 2].strip('"').lower()
    return texts[position].strip('"').lower()


class RequireTimeoutSettings(Rule):
    """
    ## What it does
    Reports the first statement of a migration that takes a strong lock on an existing table
    (`ALTER TABLE`, `CREATE INDEX` without CONCURRENTLY) when no `SET lock_timeout` comes before
    it in the file (PostgreSQL).

    ## Why is this bad?
    A DDL statement waiting for its lock queues every later query on the table behind it: one
    long-running transaction plus one migration stalls the whole application. With a
    `lock_timeout` the migration gives up (and can be retried) instead.

    ## Example
    ```sql
    ALTER TABLE users ADD COLUMN nickname text;
    ```

    ## Use instead
    ```sql
    SET lock_timeout = '2s';
    ALTER TABLE users ADD COLUMN nickname text;
    ```
    """

    name = "require-timeout-settings"
    default_level = None  # opt-in, as in Squawk 2.70 (require-lock-timeout is on)
    dialects = frozenset({"postgres"})
    category = "lock-safety"
    needs_tree = False
    example_history = "CREATE TABLE users (id bigint PRIMARY KEY);"
    bad_example = "ALTER TABLE users ADD COLUMN nickname text;"
    good_example = "SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN nickname text;"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        # Cheapest test first and earlier statements scanned only for the first locking one:
        # scanning them for every statement made a 20,000-INSERT file take minutes.
        if not self._locks_existing_table(context.statement, context):
            return
        earlier: Sequence[ParsedStatement] = context.previous
        if any(self._locks_existing_table(statement, context) for statement in earlier):
            return  # reported once per file, at the first locking statement
        if any(sets_lock_timeout(statement) for statement in earlier):
            return
        yield Violation(
            "this statement waits for a strong lock with no lock_timeout set; add "
            "SET lock_timeout = '2s' (or similar) before it"
        )

    @staticmethod
    def _locks_existing_table(statement: ParsedStatement, context: RuleContext) -> bool:
        table = _locked_table(statement.keywords, statement)
        if table is None:
            return False
        found = context.schema.tables_named(table)
        return not (found and all(t.created_in == context.file.path for t in found))
