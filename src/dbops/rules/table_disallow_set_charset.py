from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.mysql_shapes import table_charset_words, table_options


class TableDisallowSetCharset(Rule):
    """
    ## What it does
    Reports MySQL tables that set their own character set (`CREATE TABLE … CHARSET=…`,
    `ALTER TABLE … CONVERT TO CHARACTER SET …`).

    ## Why is this bad?
    A character set chosen table by table drifts: joins between tables of different character
    sets convert on the fly and cannot use indexes. Set it once, on the database.

    ## Example
    ```sql
    CREATE TABLE notes (id bigint PRIMARY KEY, body text) DEFAULT CHARSET=latin1;
    ```

    ## Use instead
    ```sql
    CREATE TABLE notes (id bigint PRIMARY KEY, body text);
    ```
    """

    name = "table-disallow-set-charset"
    bytebase_type = "table.disallow-set-charset"
    default_level = None
    dialects = frozenset({"mysql"})
    category = "table"
    needs_tree = False
    bad_example = "CREATE TABLE notes (id bigint PRIMARY KEY, body text) DEFAULT CHARSET=latin1;"
    good_example = "CREATE TABLE notes (id bigint PRIMARY KEY, body text);"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        statement = context.statement
        options = table_options(statement.tree)
        if any(isinstance(option, exp.CharacterSetProperty) for option in options) or (
            statement.opaque and table_charset_words(statement.keywords)
        ):
            yield Violation("set the character set on the database, not on the table")
