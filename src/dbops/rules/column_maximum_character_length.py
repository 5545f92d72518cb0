from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field
from sqlglot import exp

from dbops.rules.base import NoOptions, Rule, RuleContext, Violation
from dbops.rules.shapes import alter_table, column_definitions, data_type, line_of, type_length


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
    Options = CharLengthOptions
    bad_example = "CREATE TABLE users (id bigint PRIMARY KEY, bio char(500));"
    good_example = "CREATE TABLE users (id bigint PRIMARY KEY, bio varchar(500));"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        assert isinstance(self.options, CharLengthOptions)
        found: list[tuple[str, exp.DataType | None, int | None]] = [
            (s.definition.name, data_type(s.definition), line_of(s.definition, context.statement))
            for s in column_definitions(context.statement.tree)
        ]
        altered = alter_table(context.statement.tree)
        for action in altered[1] if altered else []:
            if isinstance(action, exp.AlterColumn) and isinstance(
                action.args.get("dtype"), exp.DataType
            ):
                found.append((action.name, action.args["dtype"], None))
        for name, datatype, line in found:
            length = type_length(datatype)
            is_char = datatype is not None and datatype.this == exp.DataType.Type.CHAR
            if is_char and length is not None and length > self.options.max_length:
                limit = self.options.max_length
                yield Violation(
                    f'char column "{name}" is {length} long (limit {limit}); use varchar',
                    line=line,
                )
