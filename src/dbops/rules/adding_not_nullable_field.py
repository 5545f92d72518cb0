from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.core.findings import Level
from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.shapes import alter_table, created_in_this_file


class AddingNotNullableField(Rule):
    """
    ## What it does
    Reports `ALTER TABLE … ALTER COLUMN … SET NOT NULL` on an existing table (PostgreSQL).

    ## Why is this bad?
    PostgreSQL scans the whole table to prove no row is NULL, holding an ACCESS EXCLUSIVE lock
    that blocks reads and writes for the whole scan.

    ## Example
    ```sql
    ALTER TABLE users ALTER COLUMN email SET NOT NULL;
    ```

    ## Use instead
    ```sql
    ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;
    -- next migration: VALIDATE CONSTRAINT takes a weaker lock; PostgreSQL 12+ then uses the
    -- validated check to SET NOT NULL without a scan
    ```
    """

    name = "adding-not-nullable-field"
    bytebase_type = "statement.disallow-add-not-null"
    default_level = Level.WARNING
    dialects = frozenset({"postgres"})
    category = "lock-safety"
    example_history = "CREATE TABLE users (id bigint PRIMARY KEY, email text);"
    bad_example = "ALTER TABLE users ALTER COLUMN email SET NOT NULL;"
    good_example = (
        "ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;"
    )

    def check(self, context: RuleContext) -> Iterator[Violation]:
        altered = alter_table(context.statement.tree)
        if altered is None or created_in_this_file(context.schema.table_key(altered[0]), context):
            return
        for action in altered[1]:
            if isinstance(action, exp.AlterColumn) and action.args.get("allow_null") is False:
                yield Violation(
                    f'SET NOT NULL on column "{action.name}" scans the table under an exclusive '
                    f'lock; add CHECK ("{action.name}" IS NOT NULL) NOT VALID and validate it '
                    f"separately"
                )
