from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import CreateRoutine
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.keys import located


class TableDisallowTrigger(Rule):
    """
    ## What it does
    Reports `CREATE TRIGGER` statements.

    ## Why is this bad?
    A trigger runs hidden work inside every write to its table: writes get slower, their
    effects surprise whoever reads the application code, and bulk loads and online schema
    change tools (gh-ost, pt-online-schema-change) work around or refuse tables with triggers.

    ## Example
    ```sql
    CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW SET NEW.updated_at = NOW();
    ```

    ## Use instead
    ```sql
    ALTER TABLE users MODIFY updated_at datetime DEFAULT NOW() ON UPDATE NOW();
    ```
    """

    name = "table-disallow-trigger"
    bytebase_type = "table.disallow-trigger"
    default_level = None
    dialects = frozenset({"mysql"})
    category = "table"
    example_history = "CREATE TABLE users (id bigint PRIMARY KEY, updated_at datetime);"
    bad_example = (
        "CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW SET NEW.updated_at = NOW();"
    )
    good_example = "ALTER TABLE users MODIFY updated_at datetime DEFAULT NOW() ON UPDATE NOW();"
    reads_model = True
    statement_kinds = (CreateRoutine,)

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        if isinstance(statement, CreateRoutine) and statement.routine_kind == "TRIGGER":
            yield located("triggers are not allowed by this policy", statement.span)
