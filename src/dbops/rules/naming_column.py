from __future__ import annotations

import re
from collections.abc import Iterator

from dbops.core.statements import AlterTable, CreateTable, ModifyColumn, Name, RenameColumn, Span
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.columns import defined_columns, spot, stored_name
from dbops.rules.facts.pointing import violation_at
from dbops.rules.options import NamingOptions


class NamingColumn(Rule):
    """
    ## What it does
    Reports a column created, added or renamed (also by MySQL `CHANGE old new`) to a name that
    does not match the naming format (by default lower-case words separated by underscores), or
    is too long. The name is judged as the database stores it: PostgreSQL folds an unquoted
    name to lower case, MySQL and SQLite keep it as written.

    ## Why is this bad?
    Mixed-case names must be quoted in every query in PostgreSQL; inconsistent names make
    queries error-prone.

    ## Example
    ```sql
    CREATE TABLE users (id bigint PRIMARY KEY, "firstName" text);
    ```

    ## Use instead
    ```sql
    CREATE TABLE users (id bigint PRIMARY KEY, first_name text);
    ```

    ## Options
    - `format`: regular expression (default `^[a-z]+(_[a-z]+)*$`).
    - `max_length` (Bytebase: `maxLength`): longest name (default 63).
    """

    name = "naming-column"
    bytebase_type = "naming.column"
    default_level = None
    category = "naming"
    reads_model = True
    statement_kinds = (CreateTable, AlterTable)
    Options = NamingOptions
    bad_example = 'CREATE TABLE users (id bigint PRIMARY KEY, "firstName" text);'
    good_example = "CREATE TABLE users (id bigint PRIMARY KEY, first_name text);"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        assert isinstance(self.options, NamingOptions)
        statement = context.statement
        named: list[tuple[Name, Span]] = []
        for defined in defined_columns(statement, modified=False):
            named.append((defined.column.name, defined.span))
        if isinstance(statement, AlterTable):
            for action in statement.actions:
                if isinstance(action, RenameColumn):
                    named.append((action.new, spot(action.new.span, action.span)))
                elif isinstance(action, ModifyColumn) and action.old is not None:
                    new = action.column.name
                    if new.value != action.old.value:  # CHANGE old new: a rename
                        named.append((new, spot(action.column.span, action.span)))
        for name, span in named:
            stored = stored_name(name, context.dialect)
            message = _naming_problem(stored, self.options)
            if message is not None:
                yield violation_at(message, span)


def _naming_problem(name: str, options: NamingOptions) -> str | None:
    if not re.search(options.format, name):
        return f'column name "{name}" does not match "{options.format}"'
    if len(name) > options.max_length:
        return f'column name "{name}" is longer than {options.max_length} characters'
    return None
