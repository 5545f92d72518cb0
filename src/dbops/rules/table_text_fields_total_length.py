from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from dbops.core.schema import Table
from dbops.core.statements import AlterTable, CreateTable
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.keys import first_span, located
from dbops.rules.facts.type_lists import column_length, column_type
from dbops.rules.options import NumberOptions

# The longest value of MySQL's text types, in characters.
TEXT_LENGTHS = {
    "tinytext": 255,
    "text": 65_535,
    "mediumtext": 16_777_215,
    "longtext": 4_294_967_295,
}
CHAR_TYPES = frozenset({"char", "varchar"})  # NCHAR and NVARCHAR are these in MySQL's catalog


class TextTotalOptions(NumberOptions):
    number: int = Field(default=1000, description="largest total length of the text columns")


class TableTextFieldsTotalLength(Rule):
    """
    ## What it does
    Reports MySQL tables whose text columns (`CHAR`/`VARCHAR` by declared length, `TEXT` types
    by their maximum) add up to more than the limit, after a `CREATE` or `ALTER TABLE`.

    ## Why is this bad?
    A table that can hold that much text per row is one where rows outgrow pages, sorts spill to
    disk, and the 65,535-byte row limit is close; it usually stores documents that belong
    elsewhere.

    ## Example
    ```sql
    CREATE TABLE posts (id bigint PRIMARY KEY, title varchar(200), body text);
    ```

    ## Use instead
    ```sql
    CREATE TABLE posts (id bigint PRIMARY KEY, title varchar(200), summary varchar(500));
    ```

    ## Options
    - `number`: the largest total length allowed (default 1000).
    """

    name = "table-text-fields-total-length"
    bytebase_type = "table.text-fields-total-length"
    default_level = None
    dialects = frozenset({"mysql"})
    category = "table"
    Options = TextTotalOptions
    bad_example = "CREATE TABLE posts (id bigint PRIMARY KEY, title varchar(200), body text);"
    good_example = (
        "CREATE TABLE posts (id bigint PRIMARY KEY, title varchar(200), summary varchar(500));"
    )
    reads_model = True
    statement_kinds = (CreateTable, AlterTable)

    def check(self, context: StatementContext) -> Iterator[Violation]:
        assert isinstance(self.options, TextTotalOptions)
        statement = context.statement
        if not isinstance(statement, CreateTable | AlterTable):
            return
        table = context.schema_after().lookup(statement.table)
        if table is None:
            return
        total = _total(table, context.dialect)
        before = context.schema.lookup(statement.table)
        # An ALTER TABLE that adds no text says nothing new about a table already too wide.
        grew = before is None or total > _total(before, context.dialect)
        if total > self.options.number and grew:
            yield located(
                f"text columns of {statement.table.written} total {total} characters "
                f"(at most {self.options.number})",
                first_span(statement.table.span, statement.span),
            )


def _total(table: Table, dialect: str) -> int:
    total = 0
    for column in table.columns.values():
        base = column_type(column, dialect)
        if base in TEXT_LENGTHS:
            total += TEXT_LENGTHS[base]
        elif base in CHAR_TYPES:
            total += column_length(column) or 0
    return total
