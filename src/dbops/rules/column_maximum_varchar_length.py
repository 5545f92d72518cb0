from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from dbops.core.statements import AlterTable, CreateTable
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.columns import VARCHAR_TYPES, base_name, typed_columns
from dbops.rules.facts.pointing import violation_at
from dbops.rules.options import NumberOptions


class VarcharLengthOptions(NumberOptions):
    number: int = Field(default=2560, description="longest VARCHAR allowed")


class ColumnMaximumVarcharLength(Rule):
    """
    ## What it does
    Reports `VARCHAR(n)` columns longer than the limit (2560 by default).

    ## Why is this bad?
    Very long `VARCHAR`s count against MySQL's 65,535-byte row limit, cannot be fully indexed,
    and make temporary tables and sorts allocate for the declared length. Use `TEXT` for long
    text.

    ## Example
    ```sql
    CREATE TABLE posts (id bigint PRIMARY KEY, body varchar(10000));
    ```

    ## Use instead
    ```sql
    CREATE TABLE posts (id bigint PRIMARY KEY, body text);
    ```

    ## Options
    - `number`: the longest `VARCHAR` allowed (default 2560).
    """

    name = "column-maximum-varchar-length"
    bytebase_type = "column.maximum-varchar-length"
    default_level = None
    category = "column"
    reads_model = True
    statement_kinds = (CreateTable, AlterTable)
    Options = VarcharLengthOptions
    bad_example = "CREATE TABLE posts (id bigint PRIMARY KEY, body varchar(10000));"
    good_example = "CREATE TABLE posts (id bigint PRIMARY KEY, body text);"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        assert isinstance(self.options, VarcharLengthOptions)
        limit = self.options.number
        for typed in typed_columns(context.statement):
            length = typed.type.length
            if base_name(typed.type) in VARCHAR_TYPES and length is not None and length > limit:
                yield violation_at(
                    f'column "{typed.name.written}" is {typed.type.written}, longer than {limit}',
                    typed.span,
                )
