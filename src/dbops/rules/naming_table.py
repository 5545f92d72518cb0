from __future__ import annotations

import re
from collections.abc import Iterator

from sqlglot import exp

from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.options import NamingOptions
from dbops.rules.shapes import alter_table, create_table


class NamingTable(Rule):
    """
    ## What it does
    Reports a table created or renamed to a name that does not match the naming format (by
    default lower-case words separated by underscores), or is too long. Unquoted names are
    compared as the database stores them (folded to lower case in PostgreSQL).

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
    bad_example = 'CREATE TABLE "UserAccounts" (id bigint PRIMARY KEY);'
    good_example = "CREATE TABLE user_accounts (id bigint PRIMARY KEY);"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        assert isinstance(self.options, NamingOptions)
        tree = context.statement.tree
        names: list[exp.Expression] = []
        created = create_table(tree)
        if created is not None:
            names.append(created[0].this)
        altered = alter_table(tree)
        for action in altered[1] if altered else []:
            if isinstance(action, exp.AlterRename) and isinstance(action.this, exp.Table):
                names.append(action.this.this)
        for node in names:
            yield from name_violations(context.schema.name_of(node), "table", self.options)


def name_violations(name: str, what: str, options: NamingOptions) -> Iterator[Violation]:
    if not re.search(options.format, name):
        yield Violation(f'{what} name "{name}" does not match "{options.format}"')
    elif len(name) > options.max_length:
        yield Violation(f'{what} name "{name}" is longer than {options.max_length} characters')
