from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.core.findings import Level
from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.shapes import column_definitions, data_type, line_of

_SMALL_INTEGERS = {
    exp.DataType.Type.INT: "int",
    exp.DataType.Type.SMALLINT: "smallint",
    exp.DataType.Type.SERIAL: "serial",
    exp.DataType.Type.SMALLSERIAL: "smallserial",
}


class PreferBigintOverInt(Rule):
    """
    ## What it does
    Reports columns declared `int`, `integer`, `smallint`, `serial` or `smallserial` (PostgreSQL).

    ## Why is this bad?
    A 32-bit id runs out at 2,147,483,647; growing it later means rewriting the table and every
    referencing foreign key under lock. `bigint` costs four more bytes per row.

    ## Example
    ```sql
    CREATE TABLE events (id int PRIMARY KEY);
    ```

    ## Use instead
    ```sql
    CREATE TABLE events (id bigint PRIMARY KEY);
    ```
    """

    name = "prefer-bigint-over-int"
    default_level = Level.WARNING
    dialects = frozenset({"postgres"})
    category = "type"
    bad_example = "CREATE TABLE events (id int PRIMARY KEY);"
    good_example = "CREATE TABLE events (id bigint PRIMARY KEY);"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        for site in column_definitions(context.statement.tree):
            datatype = data_type(site.definition)
            if datatype is not None and datatype.this in _SMALL_INTEGERS:
                yield Violation(
                    f'column "{site.definition.name}" is {_SMALL_INTEGERS[datatype.this]}; '
                    f"use bigint so it cannot overflow",
                    line=line_of(site.definition, context.statement),
                )
