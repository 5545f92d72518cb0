from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AlterTable
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.lock_safety import SET_LOCK_TIMEOUT, at, column_sites


class StatementDisallowAddColumnWithDefault(Rule):
    """
    ## What it does
    Reports `ALTER TABLE … ADD COLUMN … DEFAULT …`, whatever the default (PostgreSQL).

    ## Why is this bad?
    Before PostgreSQL 11 any default rewrote the table under an ACCESS EXCLUSIVE lock. On 11+
    only volatile defaults (and stored generated, identity and serial columns) do (see
    `adding-field-with-default`, on by default); enable this rule for older servers.

    ## Example
    ```sql
    ALTER TABLE users ADD COLUMN active boolean DEFAULT true;
    ```

    ## Use instead
    ```sql
    SET lock_timeout = '2s';
    ALTER TABLE users ADD COLUMN active boolean;
    ALTER TABLE users ALTER COLUMN active SET DEFAULT true;
    ```
    """

    name = "statement-disallow-add-column-with-default"
    bytebase_type = "statement.disallow-add-column-with-default"
    default_level = None
    dialects = frozenset({"postgres"})
    category = "lock-safety"
    reads_model = True
    statement_kinds = (AlterTable,)
    example_history = "CREATE TABLE users (id bigint PRIMARY KEY);"
    bad_example = "ALTER TABLE users ADD COLUMN active boolean DEFAULT true;"
    good_example = SET_LOCK_TIMEOUT + "ALTER TABLE users ADD COLUMN active boolean;"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        for site in column_sites(context.statement):
            if site.column.default is not None:
                yield at(
                    site.column.span,
                    f'column "{site.column.name.written}" is added with DEFAULT '
                    f"{site.column.default.text}, which rewrites the table before PostgreSQL 11",
                )
