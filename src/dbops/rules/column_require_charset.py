from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.mysql_shapes import defined_columns, is_text_column
from dbops.rules.shapes import has_constraint, line_of


class ColumnRequireCharset(Rule):
    """
    ## What it does
    Reports MySQL text columns (`CHAR`, `VARCHAR`, `TEXT`, `ENUM`, `SET`) declared without a
    `CHARACTER SET`.

    ## Why is this bad?
    For teams that pin every text column's character set, a column without one takes the
    table's default, which is whatever the server had when the table was created.

    ## Example
    ```sql
    CREATE TABLE users (id bigint PRIMARY KEY, name varchar(20));
    ```

    ## Use instead
    ```sql
    CREATE TABLE users (id bigint PRIMARY KEY, name varchar(20) CHARACTER SET utf8mb4);
    ```
    """

    name = "column-require-charset"
    bytebase_type = "column.require-charset"
    default_level = None
    dialects = frozenset({"mysql"})
    category = "column"
    bad_example = "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(20));"
    good_example = (
        "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(20) CHARACTER SET utf8mb4);"
    )

    def check(self, context: RuleContext) -> Iterator[Violation]:
        for definition in defined_columns(context.statement.tree):
            if is_text_column(definition) and not has_constraint(
                definition, exp.CharacterSetColumnConstraint
            ):
                yield Violation(
                    f'text column "{definition.name}" does not name its character set',
                    line=line_of(definition, context.statement),
                )
