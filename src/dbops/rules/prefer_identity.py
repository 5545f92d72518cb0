from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.core.findings import Level
from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.shapes import column_definitions, data_type, line_of

_SERIALS = {
    exp.DataType.Type.SERIAL,
    exp.DataType.Type.SMALLSERIAL,
    exp.DataType.Type.BIGSERIAL,
}


class PreferIdentity(Rule):
    """
    ## What it does
    Reports `serial`, `smallserial` and `bigserial` columns (PostgreSQL).

    ## Why is this bad?
    A serial column's sequence is a separate object with its own permissions and ownership,
    which dumps, copies and `CREATE TABLE … LIKE` handle badly. Identity columns are the SQL
    standard and keep the sequence attached to the column.

    ## Example
    ```sql
    CREATE TABLE events (id bigserial PRIMARY KEY);
    ```

    ## Use instead
    ```sql
    CREATE TABLE events (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
    ```
    """

    name = "prefer-identity"
    default_level = Level.WARNING
    dialects = frozenset({"postgres"})
    category = "type"
    bad_example = "CREATE TABLE events (id bigserial PRIMARY KEY);"
    good_example = "CREATE TABLE events (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        for site in column_definitions(context.statement.tree):
            datatype = data_type(site.definition)
            if datatype is not None and datatype.this in _SERIALS:
                yield Violation(
                    f'column "{site.definition.name}" is a serial; use GENERATED ALWAYS AS '
                    f"IDENTITY",
                    line=line_of(site.definition, context.statement),
                )
