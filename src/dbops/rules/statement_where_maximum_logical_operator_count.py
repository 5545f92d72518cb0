from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field
from sqlglot import exp

from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.options import NumberOptions


class LogicalOperatorOptions(NumberOptions):
    number: int = Field(default=10, description="most values in IN, or conditions joined by OR")


class StatementWhereMaximumLogicalOperatorCount(Rule):
    """
    ## What it does
    Reports `WHERE` clauses with an `IN (…)` list longer than the limit, or more conditions
    joined by `OR` than the limit.

    ## Why is this bad?
    Long `IN` lists and `OR` chains are usually generated from application data pasted into a
    migration: the optimizer may give up on indexes for them, and the list is better loaded into
    a table and joined.

    ## Example
    ```sql
    DELETE FROM users WHERE id IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
    ```

    ## Use instead
    ```sql
    DELETE FROM users WHERE id IN (SELECT user_id FROM users_to_delete);
    ```

    ## Options
    - `number`: most values in one `IN` list, and most conditions joined by `OR` (default 10).
    """

    name = "statement-where-maximum-logical-operator-count"
    bytebase_type = "statement.where.maximum-logical-operator-count"
    default_level = None
    category = "statement"
    Options = LogicalOperatorOptions
    bad_example = "DELETE FROM users WHERE id IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);"
    good_example = "DELETE FROM users WHERE id IN (SELECT user_id FROM users_to_delete);"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        assert isinstance(self.options, LogicalOperatorOptions)
        limit = self.options.number
        tree = context.statement.tree
        for where in tree.find_all(exp.Where) if tree is not None else []:
            for in_list in where.find_all(exp.In):
                if len(in_list.expressions) > limit:
                    yield Violation(
                        f"IN list of {len(in_list.expressions)} values (at most {limit})"
                    )
            for chain in where.find_all(exp.Or):
                if isinstance(chain.parent, exp.Or):
                    continue  # counted from the top of its chain
                count = len(list(chain.flatten()))
                if count > limit:
                    yield Violation(f"{count} conditions joined by OR (at most {limit})")
