from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import Invalid
from dbops.rules.base import Rule, StatementContext, Violation


class SyntaxError_(Rule):
    """
    ## What it does
    Reports a statement the SQL parser cannot read in the project's dialect.

    ## Why is this bad?
    A statement dbops cannot parse cannot be reviewed, and is likely to fail when applied. A
    wrong `dialect:` in dbops.yaml shows up here too.

    ## Example
    ```sql
    CREAT TABLE users (id bigint);
    ```

    ## Use instead
    ```sql
    CREATE TABLE users (id bigint);
    ```
    """

    name = "syntax-error"
    bytebase_type = None
    default_level = Level.ERROR
    category = "syntax"
    reads_model = True
    statement_kinds = (Invalid,)
    bad_example = "CREAT TABLE users (id bigint);"
    good_example = "CREATE TABLE users (id bigint PRIMARY KEY);"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, Invalid)
        where = statement.error_span
        yield Violation(
            f"cannot parse this statement: {statement.message}",
            where.line or None,
            where.column or None,
        )
