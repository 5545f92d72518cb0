from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from dbops.core.schema import Table
from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.mysql_shapes import CHAR_TYPES, TEXT_LENGTHS, column_type_word
from dbops.rules.options import NumberOptions
from dbops.rules.shapes import table_of


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

    def check(self, context: RuleContext) -> Iterator[Violation]:
        assert isinstance(self.options, TextTotalOptions)
        table_ref = table_of(context.statement.tree)
        table = context.schema_after().find_table(table_ref) if table_ref is not None else None
        if table is None:
            return
        total = _total(table)
        before = context.schema.find_table(table_ref) if table_ref is not None else None
        grew = before is None or total > _total(before)  # an unrelated ALTER says nothing new
        if total > self.options.number and grew:
            yield Violation(
                f"text columns of {table.short_name} total {total} characters "
                f"(at most {self.options.number})"
            )


def _total(table: Table) -> int:
    return sum(_length(column.type) for column in table.columns.values())


def _length(type_text: str) -> int:
    word = column_type_word(type_text)
    if word in TEXT_LENGTHS:
        return TEXT_LENGTHS[word]
    if word in CHAR_TYPES and "(" in type_text:
        digits = type_text.split("(", 1)[1].split(")", 1)[0].strip()
        return int(digits) if digits.isdigit() else 0
    return 0
