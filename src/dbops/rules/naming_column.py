from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.naming_table import name_violations
from dbops.rules.options import NamingOptions
from dbops.rules.shapes import alter_table, column_definitions, line_of


class NamingColumn(Rule):
    """
    ## What it does
    Reports a column created, added or renamed to a name that does not match the naming format
    (by default lower-case words separated by underscores), or is too long.

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
    Options = NamingOptions
    bad_example = 'CREATE TABLE users (id bigint PRIMARY KEY, "firstName" text);'
    good_example = "CREATE TABLE users (id bigint PRIMARY KEY, first_name text);"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        assert isinstance(self.options, NamingOptions)
        schema = context.schema
        for site in column_definitions(context.statement.tree):
            for violation in name_violations(
                schema.name_of(site.definition.this), "column", self.options
            ):
                yield Violation(violation.message, line=line_of(site.definition, context.statement))
        altered = alter_table(context.statement.tree)
        for action in altered[1] if altered else []:
            if isinstance(action, exp.RenameColumn):
                new = schema.name_of(action.args.get("to"))
                yield from name_violations(new, "column", self.options)
