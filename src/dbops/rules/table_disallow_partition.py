from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.rules.base import Rule, RuleContext, Violation


class TableDisallowPartition(Rule):
    """
    ## What it does
    Reports partitioned tables: `CREATE TABLE … PARTITION BY`, `ATTACH PARTITION`,
    `CREATE TABLE … PARTITION OF`.

    ## Why is this bad?
    Partitioning changes how every query, index and constraint on the table behaves; teams that
    shard by hand keep it out of migrations.

    ## Example
    ```sql
    CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at);
    ```

    ## Use instead
    ```sql
    CREATE TABLE events (id bigint PRIMARY KEY, at date NOT NULL);
    ```
    """

    name = "table-disallow-partition"
    bytebase_type = "table.disallow-partition"
    default_level = None
    category = "table"
    needs_tree = False
    bad_example = "CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at);"
    good_example = "CREATE TABLE events (id bigint PRIMARY KEY, at date NOT NULL);"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        tree = context.statement.tree
        words = context.statement.keywords
        partitioned = tree is not None and (
            tree.find(exp.PartitionedByProperty) is not None
            or tree.find(exp.PartitionedOfProperty) is not None
        )
        if words[:2] in (("CREATE", "TABLE"), ("ALTER", "TABLE")) and (
            partitioned or "PARTITION" in words
        ):
            yield Violation("partitioned tables are not allowed by this policy")
