from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.mysql_shapes import defined_columns, is_text_column
from dbops.rules.shapes import has_constraint, line_of


class ColumnRequireCollation(Rule):
    """
    ## What it does
    Reports MySQL text columns (`CHAR`, `VARCHAR`, `TEXT`, `ENUM`, `SET`) declared without a
    `COLLATE`.

    ## Why is this bad?
    The collation decides whether a unique key on the column treats `'a'` and `'A'` as the same
    value; left implicit, it follows the server's default, which changed between versions.

    ## Example
    ```sql
    CREATE TABLE users (id bigint PRIMARY KEY, email varchar(200));
    ```

    ## Use instead
    ```sql
    CREATE TABLE users (id bigint PRIMARY KEY, email varchar(200) COLLATE utf8mb4_bin);
    ```
    """

    name = "column-require-collation"
    bytebase_type = "column.require-collation"
    default_level = None
    dialects = frozenset({"mysql"})
    category = "column"
    bad_example = "CREATE TABLE users (id bigint PRIMARY KEY, email varchar(200));"
    good_example = (
        "CREATE TABLE users (id bigint PRIMARY KEY, email varchar(200) COLLATE utf8mb4_bin);"
    )

    def check(self, context: RuleContext) -> Iterator[Violation]:
        for definition in defined_columns(context.statement.tree):
            if is_text_column(definition) and not has_constraint(
                definition, exp.CollateColumnConstraint
            ):
                yield Violation(
                    f'text column "{definition.name}" does not name its collation',
                    line=line_of(definition, context.statement),
                )
