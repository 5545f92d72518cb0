from __future__ import annotations

from collections.abc import Iterator

from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.shapes import column_definitions, default_of, line_of


class StatementDisallowAddColumnWithDefault(Rule):
    """
    ## What it does
    Reports `ALTER TABLE … ADD COLUMN … DEFAULT …`, whatever the default (PostgreSQL).

    ## Why is this bad?
    Before PostgreSQL 11 any default rewrote the table under an ACCESS EXCLUSIVE lock. On 11+
    only volatile defaults do (see `adding-field-with-default`, on by default); enable this rule
    for older servers.

    ## Example
    ```sql
    ALTER TABLE users ADD COLUMN active boolean DEFAULT true;
    ```

    ## Use instead
    ```sql
    ALTER TABLE users ADD COLUMN active boolean;
    ALTER TABLE users ALTER COLUMN active SET DEFAULT true;
    ```
    """

    name = "statement-disallow-add-column-with-default"
    bytebase_type = "statement.disallow-add-column-with-default"
    default_level = None
    dialects = frozenset({"postgres"})
    category = "lock-safety"
    example_history = "CREATE TABLE users (id bigint PRIMARY KEY);"
    bad_example = "ALTER TABLE users ADD COLUMN active boolean DEFAULT true;"
    good_example = "ALTER TABLE users ADD COLUMN active boolean;"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        for site in column_definitions(context.statement.tree):
            if not site.created and default_of(site.definition) is not None:
                yield Violation(
                    f'column "{site.definition.name}" is added with a DEFAULT, which rewrites the '
                    f"table before PostgreSQL 11",
                    line=line_of(site.definition, context.statement),
                )
