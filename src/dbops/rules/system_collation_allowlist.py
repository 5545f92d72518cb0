from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.options import ListOptions


class SystemCollationAllowlist(Rule):
    """
    ## What it does
    Reports collations (`COLLATE x` on columns, tables and type changes) that are not on the
    allow list.

    ## Why is this bad?
    Mixed collations make comparisons and joins between columns fail or skip indexes, and sort
    orders differ from one table to the next.

    ## Example
    ```sql
    CREATE TABLE t (name text COLLATE "C");
    ```

    ## Use instead
    ```sql
    CREATE TABLE t (name text COLLATE "en_US");
    ```

    ## Options
    - `values` (Bytebase: `list`): allowed collations.
    """

    name = "system-collation-allowlist"
    bytebase_type = "system.collation.allowlist"
    default_level = None
    category = "system"
    Options = ListOptions
    bad_example = 'CREATE TABLE t (name text COLLATE "C");'
    good_example = 'CREATE TABLE t (name text COLLATE "en_US");'

    def check(self, context: RuleContext) -> Iterator[Violation]:
        assert isinstance(self.options, ListOptions)
        allowed = {name.lower() for name in self.options.values or ["en_US", "utf8mb4_0900_ai_ci"]}
        tree = context.statement.tree
        if tree is None:
            return
        names = [
            node.this.name
            for node in tree.find_all(exp.CollateColumnConstraint, exp.CollateProperty)
        ]
        for alter in tree.find_all(exp.AlterColumn):
            # sqlglot sets `collate` to False (not None) on `ALTER COLUMN … TYPE` without one.
            collate = alter.args.get("collate")
            if isinstance(collate, exp.Expression):
                names.append(collate.name)
        for name in names:
            if name.lower() not in allowed:
                yield Violation(f'collation "{name}" is not in the allow list')
