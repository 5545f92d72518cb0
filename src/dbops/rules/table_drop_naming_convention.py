from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import Field

from dbops.core.findings import Level
from dbops.rules.base import NoOptions, Rule, RuleContext, Violation
from dbops.rules.options import Regex
from dbops.rules.tokens import dropped_tables


class TableDropNamingOptions(NoOptions):
    format: Regex = Field(
        default="_del$", description="regex a table name must match to be dropped"
    )


class TableDropNamingConvention(Rule):
    """
    ## What it does
    Reports `DROP TABLE` of a table whose name does not mark it as ready to drop (by default,
    a name ending in `_del`).

    ## Why is this bad?
    Dropping a table is irreversible. Renaming it first (`ALTER TABLE t RENAME TO t_del`) and
    dropping it in a later release gives the application a release to prove nothing reads it.

    ## Example
    ```sql
    DROP TABLE orders;
    ```

    ## Use instead
    ```sql
    DROP TABLE orders_del;
    ```

    ## Options
    - `format`: regular expression the dropped table's name must match (default `_del$`).
    """

    name = "table-drop-naming-convention"
    bytebase_type = "table.drop-naming-convention"
    default_level = Level.WARNING
    category = "table"
    needs_tree = False
    bad_example = "DROP TABLE orders;"
    good_example = "DROP TABLE orders_del;"
    Options = TableDropNamingOptions

    def check(self, context: RuleContext) -> Iterator[Violation]:
        assert isinstance(self.options, TableDropNamingOptions)
        pattern = re.compile(self.options.format)
        for table in dropped_tables(context.statement):
            if not pattern.search(table):
                yield Violation(
                    f'table "{table}" is dropped, but its name does not match '
                    f'"{self.options.format}"; rename it first and drop it in a later release'
                )
