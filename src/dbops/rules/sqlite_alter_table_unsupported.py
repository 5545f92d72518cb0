from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.rules.base import Rule, RuleContext, Violation

# What SQLite's ALTER TABLE cannot do (https://www.sqlite.org/lang_altertable.html): it only
# renames tables and columns, adds columns (not PRIMARY KEY or UNIQUE ones) and drops columns.
_UNSUPPORTED = (
    (("ALTER", "COLUMN"), "ALTER COLUMN"),
    (("ADD", "CONSTRAINT"), "ADD CONSTRAINT"),
    (("DROP", "CONSTRAINT"), "DROP CONSTRAINT"),
    (("ADD", "PRIMARY"), "ADD PRIMARY KEY"),
    (("ADD", "UNIQUE"), "ADD UNIQUE"),
    (("ADD", "FOREIGN"), "ADD FOREIGN KEY"),
    (("MODIFY",), "MODIFY"),
    (("CHANGE",), "CHANGE"),
)


class SqliteAlterTableUnsupported(Rule):
    """
    ## What it does
    Reports `ALTER TABLE` forms SQLite does not support: ALTER COLUMN, ADD/DROP CONSTRAINT,
    adding keys, MODIFY/CHANGE, and ADD COLUMN with PRIMARY KEY or UNIQUE (SQLite).

    ## Why is this bad?
    SQLite's ALTER TABLE only renames, adds plain columns and drops columns; anything else is a
    syntax error when the migration runs. Changing a column means rebuilding the table.

    ## Example
    ```sql
    ALTER TABLE users ALTER COLUMN email SET NOT NULL;
    ```

    ## Use instead
    ```sql
    CREATE TABLE users_new (id integer PRIMARY KEY, email text NOT NULL);
    INSERT INTO users_new (id, email) SELECT id, email FROM users;
    DROP TABLE users;
    ALTER TABLE users_new RENAME TO users;
    ```
    """

    name = "sqlite-alter-table-unsupported"
    default_level = Level.ERROR
    dialects = frozenset({"sqlite"})
    category = "dialect"
    needs_tree = False
    example_history = "CREATE TABLE users (id integer PRIMARY KEY, email text);"
    bad_example = "ALTER TABLE users ALTER COLUMN email SET NOT NULL;"
    good_example = "ALTER TABLE users ADD COLUMN nickname text;"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        words = tuple(context.statement.text.upper().replace("(", " ( ").split())
        if words[:2] != ("ALTER", "TABLE"):
            return
        for pattern, label in _UNSUPPORTED:
            if any(words[i : i + len(pattern)] == pattern for i in range(len(words))):
                yield Violation(f"SQLite's ALTER TABLE does not support {label}; rebuild the table")
                return
        if "ADD" in words and ("PRIMARY" in words or "UNIQUE" in words):
            yield Violation("SQLite cannot add a PRIMARY KEY or UNIQUE column; rebuild the table")
