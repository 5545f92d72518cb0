from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.core.findings import Level
from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.shapes import (
    column_definitions,
    created_in_this_file,
    default_of,
    display,
    line_of,
)

# Defaults PostgreSQL 11+ stores once in the catalog instead of writing into every row: constants
# and functions that are not VOLATILE. Anything else (random(), clock_timestamp(), nextval(), a
# user function PostgreSQL cannot prove stable) rewrites the table under an ACCESS EXCLUSIVE lock.
_NON_VOLATILE_CALLS = {
    "CURRENT_DATE",
    "CURRENT_TIME",
    "CURRENT_TIMESTAMP",
    "CURRENT_USER",
    "SESSION_USER",
    "LOCALTIME",
    "LOCALTIMESTAMP",
    "CURRENT_SCHEMA",
    "USER",
    "COALESCE",
    "LOWER",
    "UPPER",
}


def volatile_call(default: exp.Expression) -> str | None:
    """The name of the first call in a DEFAULT that may be volatile, if any."""
    for node in default.walk():
        if isinstance(node, exp.Func) and not isinstance(node, exp.Cast | exp.Neg | exp.Paren):
            name = node.name.upper() if isinstance(node, exp.Anonymous) else node.sql_name()
            if name.upper() not in _NON_VOLATILE_CALLS:
                return name.upper()
    return None


class AddingFieldWithDefault(Rule):
    """
    ## What it does
    Reports `ALTER TABLE … ADD COLUMN … DEFAULT f()` on an existing table when the default calls
    a function that may be volatile (`random()`, `clock_timestamp()`, `gen_random_uuid()`,
    `nextval()`, user functions; `now()` and `CURRENT_TIMESTAMP` are stable) (PostgreSQL).

    ## Why is this bad?
    A constant default is stored once in the catalog (PostgreSQL 11+). A volatile default is
    evaluated for every existing row: the whole table is rewritten while an ACCESS EXCLUSIVE
    lock blocks all reads and writes.

    ## Example
    ```sql
    ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();
    ```

    ## Use instead
    ```sql
    ALTER TABLE orders ADD COLUMN token uuid;
    ALTER TABLE orders ALTER COLUMN token SET DEFAULT gen_random_uuid();
    -- then backfill existing rows in batches
    ```
    """

    name = "adding-field-with-default"
    bytebase_type = "column.default-disallow-volatile"
    default_level = Level.WARNING
    dialects = frozenset({"postgres"})
    category = "lock-safety"
    example_history = "CREATE TABLE orders (id bigint PRIMARY KEY);"
    bad_example = "ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();"
    good_example = "ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'new';"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        for site in column_definitions(context.statement.tree):
            if site.created or created_in_this_file(context.schema.table_key(site.table), context):
                continue
            default = default_of(site.definition)
            call = volatile_call(default) if default is not None else None
            if call is not None:
                yield Violation(
                    f'column "{site.definition.name}" of {display(site.table, context)} is added '
                    f"with a volatile DEFAULT {call}(): every row is rewritten under an exclusive "
                    f"lock; add the column without it, set the default, then backfill",
                    line=line_of(site.definition, context.statement),
                )
