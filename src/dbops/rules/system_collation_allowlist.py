from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AlterSchema, AlterTable, CreateSchema, CreateTable
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.pointing import violation_at
from dbops.rules.facts.settings import collations
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
    reads_model = True
    statement_kinds = (CreateTable, AlterTable, CreateSchema, AlterSchema)

    def check(self, context: StatementContext) -> Iterator[Violation]:
        assert isinstance(self.options, ListOptions)
        allowed = {name.lower() for name in self.options.values or ["en_US", "utf8mb4_0900_ai_ci"]}
        for collation in collations(context.statement):
            if collation.value.lower() not in allowed:
                yield violation_at(
                    f'collation "{collation.value}" {collation.where} is not in the allow list',
                    collation.span,
                )
