from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.mysql_shapes import defined_columns
from dbops.rules.options import NumberOptions
from dbops.rules.shapes import data_type, line_of, type_length, type_name


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
    Options = VarcharLengthOptions
    bad_example = "CREATE TABLE posts (id bigint PRIMARY KEY, body varchar(10000));"
    good_example = "CREATE TABLE posts (id bigint PRIMARY KEY, body text);"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        assert isinstance(self.options, VarcharLengthOptions)
        for definition in defined_columns(context.statement.tree):
            datatype = data_type(definition)
            length = type_length(datatype)
            if (
                type_name(datatype) in ("VARCHAR", "NVARCHAR")
                and (length or 0) > self.options.number
            ):
                yield Violation(
                    f'column "{definition.name}" is VARCHAR({length}), longer than '
                    f"{self.options.number}",
                    line=line_of(definition, context.statement),
                )
