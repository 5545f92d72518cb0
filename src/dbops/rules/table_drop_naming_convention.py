from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import Field

from dbops.core.findings import Level
from dbops.core.statements import Drop
from dbops.rules.base import NoOptions, Rule, StatementContext, Violation
from dbops.rules.facts.keys import first_span, located
from dbops.rules.facts.naming import stored
from dbops.rules.options import Regex


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
    bad_example = "DROP TABLE orders;"
    good_example = "DROP TABLE orders_del;"
    Options = TableDropNamingOptions
    reads_model = True
    statement_kinds = (Drop,)

    def check(self, context: StatementContext) -> Iterator[Violation]:
        assert isinstance(self.options, TableDropNamingOptions)
        statement = context.statement
        if not isinstance(statement, Drop) or statement.object_kind != "TABLE":
            return
        pattern = re.compile(self.options.format)
        for table in statement.names:
            name = stored(table.name, context.dialect)
            if not pattern.search(name):
                yield located(
                    f'table "{table.written}" is dropped, but its name does not match '
                    f'"{self.options.format}"; rename it first and drop it in a later release',
                    first_span(table.span, table.name.span, statement.span),
                )
