from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import (
    AlterTable,
    AttachPartition,
    CreateTable,
    DetachPartition,
    PartitionOperation,
)
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.keys import located

_PARTITION_ACTIONS = (AttachPartition, DetachPartition, PartitionOperation)


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
    bad_example = "CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at);"
    good_example = "CREATE TABLE events (id bigint PRIMARY KEY, at date NOT NULL);"
    reads_model = True
    statement_kinds = (CreateTable, AlterTable)

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        message = "partitioned tables are not allowed by this policy"
        if isinstance(statement, CreateTable) and (
            statement.partition_by or statement.partition_of is not None or statement.partitions
        ):
            yield located(message, statement.span)
        elif isinstance(statement, AlterTable):
            action = next((a for a in statement.actions if isinstance(a, _PARTITION_ACTIONS)), None)
            if action is not None:
                yield located(message, action.span)
