from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.mysql_shapes import defined_columns
from dbops.rules.shapes import has_constraint, line_of


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
    bad_example = (
        "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(20) CHARACTER SET latin1);"
    )
    good_example = "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(20));"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        for definition in defined_columns(context.statement.tree):
            if has_constraint(definition, exp.CharacterSetColumnConstraint):
                yield Violation(
                    f'column "{definition.name}" sets its own character set',
                    line=line_of(definition, context.statement),
                )
