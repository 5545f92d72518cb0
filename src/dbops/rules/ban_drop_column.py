from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.core.findings import Level
from dbops.core.schema import drop_target
from dbops.rules.base import Rule, RuleContext, Violation


class BanDropColumn(Rule):
    """
    ## What it does
    Reports `ALTER TABLE … DROP COLUMN`.

    ## Why is this bad?
    Running application code still selects or inserts the column until it is deployed without
    it; dropping the column first breaks it. The data is gone for good.

    ## Example
    ```sql
    ALTER TABLE users DROP COLUMN nickname;
    ```

    ## Use instead
    ```sql
    -- release 1: stop reading and writing the column in the application
    -- release 2: drop it, with `-- dbops:ignore ban-drop-column` once it is unused
    ALTER TABLE users ADD COLUMN display_name text;
    ```
    """

    name = "ban-drop-column"
    bytebase_type = None
    default_level = Level.WARNING
    category = "lock-safety"
    needs_tree = False
    bad_example = "ALTER TABLE users DROP COLUMN nickname;"
    good_example = "ALTER TABLE users ADD COLUMN display_name text;"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        tree = context.statement.tree
        if isinstance(tree, exp.Alter) and not context.statement.opaque:
            for action in tree.args.get("actions") or []:
                if isinstance(action, exp.Drop) and (action.args.get("kind") or "") in (
                    "COLUMN",
                    "",
                ):
                    target = drop_target(action)
                    name = target.name if target is not None else "?"
                    yield Violation(f'dropping column "{name}" breaks code still using it')
            return
        words = context.statement.keywords
        if words[:2] == ("ALTER", "TABLE") and "DROP" in words:
            position = words.index("DROP")
            if words[position + 1 : position + 2] == ("COLUMN",):
                yield Violation("dropping a column breaks code still using it")
