from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.core.findings import Level
from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.shapes import column_definitions, data_type, line_of


class BanCharField(Rule):
    """
    ## What it does
    Reports `char(n)` / `character(n)` columns (PostgreSQL).

    ## Why is this bad?
    `char(n)` pads values with spaces, compares them ignoring the padding, and is no faster than
    `text` or `varchar`; the padding surprises applications and wastes space.

    ## Example
    ```sql
    CREATE TABLE countries (code char(2) PRIMARY KEY);
    ```

    ## Use instead
    ```sql
    CREATE TABLE countries (code varchar(2) PRIMARY KEY);
    ```
    """

    name = "ban-char-field"
    default_level = Level.WARNING
    dialects = frozenset({"postgres"})
    category = "type"
    bad_example = "CREATE TABLE countries (code char(2) PRIMARY KEY);"
    good_example = "CREATE TABLE countries (code varchar(2) PRIMARY KEY);"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        for site in column_definitions(context.statement.tree):
            datatype = data_type(site.definition)
            if datatype is not None and datatype.this == exp.DataType.Type.CHAR:
                yield Violation(
                    f'column "{site.definition.name}" is char(n), which pads with spaces; use '
                    f"varchar or text",
                    line=line_of(site.definition, context.statement),
                )
