from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.rules.base import Rule, RuleContext, Violation


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

    def check(self, context: RuleContext) -> Iterator[Violation]:
        tree = context.statement.tree
        if isinstance(tree, exp.Update | exp.Delete) and tree.args.get("limit") is not None:
            yield Violation(f"LIMIT in {tree.key.upper()} changes rows in no fixed order")
        elif isinstance(tree, exp.Insert) and isinstance(tree.expression, exp.Query):
            limited = tree.expression.args.get("limit") is not None
            if limited:
                yield Violation("LIMIT in INSERT … SELECT copies rows in no fixed order")
