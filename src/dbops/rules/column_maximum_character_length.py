from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from dbops.core.statements import AlterTable, CreateTable
from dbops.rules.base import NoOptions, Rule, StatementContext, Violation
from dbops.rules.facts.columns import CHAR_TYPES, base_name, typed_columns
from dbops.rules.facts.pointing import violation_at


class CharLengthOptions(NoOptions):
    max_length: int = Field(default=20, alias="number", description="longest char(n) allowed")


class ColumnMaximumCharacterLength(Rule):
    """
    ## What it does
    Reports `char(n)` columns longer than the limit.

    ## Why is this bad?
    `char(n)` always stores n characters; long fixed-width columns waste space and pad values
    with spaces. Use `varchar(n)` or `text`.

    ## Example
    ```sql
    CREATE TABLE users (id bigint PRIMARY KEY, bio char(500));
    ```

    ## Use instead
    ```sql
    CREATE TABLE users (id bigint PRIMARY KEY, bio varchar(500));
    ```

    ## Options
    - `max_length` (Bytebase: `number`): longest `char(n)` allowed (default 20).
    """

    name = "column-maximum-character-length"
    bytebase_type = "column.maximum-character-length"
    default_level = None
    category = "column"
    reads_model = True
    statement_kinds = (CreateTable, AlterTable)
    Options = CharLengthOptions
    bad_example = "CREATE TABLE users (id bigint PRIMARY KEY, bio char(500));"
    good_example = "CREATE TABLE users (id bigint PRIMARY KEY, bio varchar(500));"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        assert isinstance(self.options, CharLengthOptions)
        limit = self.options.max_length
        for typed in typed_columns(context.statement):
            length = typed.type.length
            if base_name(typed.type) in CHAR_TYPES and length is not None and length > limit:
                yield violation_at(
                    f'char column "{typed.name.written}" is {typed.type.written} (limit {limit}); '
                    f"use varchar",
                    typed.span,
                )
