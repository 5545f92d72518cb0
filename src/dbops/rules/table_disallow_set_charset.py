from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AlterTable, CreateTable
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.keys import located
from dbops.rules.facts.table_options import CHARSET_OPTIONS, altered_options


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
    bad_example = "CREATE TABLE notes (id bigint PRIMARY KEY, body text) DEFAULT CHARSET=latin1;"
    good_example = "CREATE TABLE notes (id bigint PRIMARY KEY, body text);"
    reads_model = True
    statement_kinds = (CreateTable, AlterTable)

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        message = "set the character set on the database, not on the table"
        if isinstance(statement, CreateTable) and statement.option("CHARSET") is not None:
            yield located(message, statement.span)
        for action in altered_options(statement, CHARSET_OPTIONS):
            yield located(message, action.span)
