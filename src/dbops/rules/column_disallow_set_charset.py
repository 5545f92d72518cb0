from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AlterTable, CreateTable
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.columns import column_charset, defined_columns
from dbops.rules.facts.pointing import violation_at


class ColumnDisallowSetCharset(Rule):
    """
    ## What it does
    Reports MySQL columns declared with their own character set
    (`name varchar(20) CHARACTER SET latin1`).

    ## Why is this bad?
    A column whose character set differs from its table's converts on every comparison and join,
    which keeps MySQL from using indexes, and it cannot store what the rest of the table can.

    ## Example
    ```sql
    CREATE TABLE users (id bigint PRIMARY KEY, name varchar(20) CHARACTER SET latin1);
    ```

    ## Use instead
    ```sql
    CREATE TABLE users (id bigint PRIMARY KEY, name varchar(20));
    ```
    """

    name = "column-disallow-set-charset"
    bytebase_type = "column.disallow-set-charset"
    default_level = None
    dialects = frozenset({"mysql"})
    category = "column"
    reads_model = True
    statement_kinds = (CreateTable, AlterTable)
    bad_example = (
        "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(20) CHARACTER SET latin1);"
    )
    good_example = "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(20));"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        for defined in defined_columns(context.statement):
            charset = column_charset(defined.column)
            if charset is not None:
                yield violation_at(
                    f'column "{defined.column.name.written}" sets its own character set '
                    f"({charset})",
                    defined.span,
                )
