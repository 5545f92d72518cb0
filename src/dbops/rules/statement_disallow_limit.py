from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import Delete, Insert, Update
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.pointing import violation_at


class StatementDisallowLimit(Rule):
    """
    ## What it does
    Reports `LIMIT` in MySQL `UPDATE`, `DELETE` and `INSERT … SELECT` statements.

    ## Why is this bad?
    Which rows a `LIMIT` picks is not fixed without a total order: under statement-based
    replication the primary and its replicas change different rows, and rerunning the migration
    changes different rows again.

    ## Example
    ```sql
    DELETE FROM sessions WHERE expires_at < NOW() LIMIT 1000;
    ```

    ## Use instead
    ```sql
    DELETE FROM sessions WHERE expires_at < NOW();
    ```
    """

    name = "statement-disallow-limit"
    bytebase_type = "statement.disallow-limit"
    default_level = None
    dialects = frozenset({"mysql"})
    category = "statement"
    bad_example = "DELETE FROM sessions WHERE expires_at < NOW() LIMIT 1000;"
    good_example = "DELETE FROM sessions WHERE expires_at < NOW();"
    reads_model = True
    statement_kinds = (Update, Delete, Insert)

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        if isinstance(statement, Update | Delete) and statement.limit is not None:
            verb = "UPDATE" if isinstance(statement, Update) else "DELETE"
            yield violation_at(
                f"LIMIT in {verb} changes rows in no fixed order", statement.limit.span
            )
        elif isinstance(statement, Insert) and statement.query is not None:
            limit = statement.query.limit
            if limit is not None:
                yield violation_at(
                    "LIMIT in INSERT … SELECT copies rows in no fixed order", limit.span
                )
