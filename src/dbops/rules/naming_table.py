from __future__ import annotations

import re
from collections.abc import Iterator

from dbops.core.statements import (
    AlterTable,
    CreateTable,
    CreateTableAs,
    ObjectName,
    RenameTables,
    RenameTo,
    Statement,
)
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.keys import first_span, located
from dbops.rules.facts.naming import stored
from dbops.rules.options import NamingOptions


class NamingTable(Rule):
    """
    ## What it does
    Reports a table created or renamed (`ALTER TABLE … RENAME TO`, MySQL `RENAME TABLE`) to a
    name that does not match the naming format (by default lower-case words separated by
    underscores), or is too long. Names are compared as the database stores them: unquoted
    names folded to lower case in PostgreSQL, as written in MySQL and SQLite (`techBook`).

    ## Why is this bad?
    Mixed-case names must be quoted forever after in PostgreSQL; inconsistent names make a
    schema hard to read and to query.

    ## Example
    ```sql
    CREATE TABLE "UserAccounts" (id bigint PRIMARY KEY);
    ```

    ## Use instead
    ```sql
    CREATE TABLE user_accounts (id bigint PRIMARY KEY);
    ```

    ## Options
    - `format`: regular expression (default `^[a-z]+(_[a-z]+)*$`).
    - `max_length` (Bytebase: `maxLength`): longest name (default 63).
    """

    name = "naming-table"
    bytebase_type = "naming.table"
    default_level = None
    category = "naming"
    Options = NamingOptions
    reads_model = True
    statement_kinds = (CreateTable, CreateTableAs, AlterTable, RenameTables)
    bad_example = 'CREATE TABLE "UserAccounts" (id bigint PRIMARY KEY);'
    good_example = "CREATE TABLE user_accounts (id bigint PRIMARY KEY);"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        assert isinstance(self.options, NamingOptions)
        for table in _named_tables(context.statement):
            name = stored(table.name, context.dialect)
            span = first_span(table.name.span, table.span, context.statement.span)
            for message in name_problems(name, "table", self.options):
                yield located(message, span)


def _named_tables(statement: Statement) -> Iterator[ObjectName]:
    """The names a statement gives tables: created, or renamed to."""
    if isinstance(statement, CreateTable) or (
        isinstance(statement, CreateTableAs) and not statement.materialized
    ):
        yield statement.table
    elif isinstance(statement, AlterTable):
        yield from (a.new for a in statement.actions if isinstance(a, RenameTo))
    elif isinstance(statement, RenameTables):
        yield from (new for _old, new in statement.renames)


def name_problems(name: str, what: str, options: NamingOptions) -> Iterator[str]:
    if not re.search(options.format, name):
        yield f'{what} name "{name}" does not match "{options.format}"'
    elif len(name) > options.max_length:
        yield f'{what} name "{name}" is longer than {options.max_length} characters'


def name_violations(name: str, what: str, options: NamingOptions) -> Iterator[Violation]:
    """The problems of a name as violations at the statement (for rules that give no span)."""
    return (Violation(message) for message in name_problems(name, what, options))
