from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.rules.base import Rule, RuleContext, Violation


class StatementInsertDisallowOrderByRand(Rule):
    """
    ## What it does
    Reports `INSERT … SELECT … ORDER BY random()` (`rand()` in MySQL).

    ## Why is this bad?
    Sorting the inserted rows randomly means nothing to the table and costs a full sort.

    ## Example
    ```sql
    INSERT INTO sample (id) SELECT id FROM users ORDER BY random();
    ```

    ## Use instead
    ```sql
    INSERT INTO sample (id) SELECT id FROM users;
    ```
    """

    name = "statement-insert-disallow-order-by-rand"
    bytebase_type = "statement.insert.disallow-order-by-rand"
    default_level = None
    category = "statement"
    bad_example = "INSERT INTO sample (id) SELECT id FROM users ORDER BY random();"
    good_example = "INSERT INTO sample (id) SELECT id FROM users;"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        tree = context.statement.tree
        if not isinstance(tree, exp.Insert) or tree.expression is None:
            return
        for order in tree.expression.find_all(exp.Order):
            if order.find(exp.Rand) is not None:
                yield Violation("INSERT … ORDER BY random() sorts for nothing")
                return
