from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.shapes import column_definitions, create_table, data_type, default_of, line_of

# Types for which a default is rarely meaningful (Bytebase skips them too), and serials, whose
# default is their sequence.
_EXEMPT = {
    exp.DataType.Type.SERIAL,
    exp.DataType.Type.BIGSERIAL,
    exp.DataType.Type.SMALLSERIAL,
    exp.DataType.Type.JSON,
    exp.DataType.Type.JSONB,
    exp.DataType.Type.TEXT,
    exp.DataType.Type.BLOB,
    exp.DataType.Type.LONGBLOB,
    exp.DataType.Type.MEDIUMBLOB,
    exp.DataType.Type.TINYBLOB,
    exp.DataType.Type.GEOMETRY,
}


class ColumnRequireDefault(Rule):
    """
    ## What it does
    Reports columns created or added without a DEFAULT, except primary key, serial, identity,
    auto-increment, and (MySQL) text/blob/json/geometry columns.

    ## Why is this bad?
    Explicit defaults make inserts that omit the column well-defined, and downstream data
    cleaner than scattered NULLs.

    ## Example
    ```sql
    CREATE TABLE users (id bigint PRIMARY KEY, active boolean NOT NULL);
    ```

    ## Use instead
    ```sql
    CREATE TABLE users (id bigint PRIMARY KEY, active boolean NOT NULL DEFAULT true);
    ```
    """

    name = "column-require-default"
    bytebase_type = "column.require-default"
    default_level = None
    category = "column"
    bad_example = "CREATE TABLE users (id bigint PRIMARY KEY, active boolean NOT NULL);"
    good_example = (
        "CREATE TABLE users (id bigint PRIMARY KEY, active boolean NOT NULL DEFAULT true);"
    )

    def check(self, context: RuleContext) -> Iterator[Violation]:
        tree = context.statement.tree
        created = create_table(tree)
        primary = {
            context.schema.name_of(part)
            for definition in (created[1] if created else [])
            for key in definition.find_all(exp.PrimaryKey)
            for part in key.expressions
        }
        for site in column_definitions(tree):
            definition = site.definition
            datatype = data_type(definition)
            if (
                default_of(definition) is not None
                or context.schema.name_of(definition.this) in primary
            ):
                continue
            if any(
                isinstance(
                    c.kind,
                    exp.PrimaryKeyColumnConstraint
                    | exp.AutoIncrementColumnConstraint
                    | exp.GeneratedAsIdentityColumnConstraint,
                )
                for c in definition.constraints
            ):
                continue
            exempt = datatype is not None and datatype.this in _EXEMPT
            if exempt and not (
                context.dialect == "postgres"
                and datatype is not None
                and datatype.this == exp.DataType.Type.TEXT
            ):
                continue
            yield Violation(
                f'column "{definition.name}" has no DEFAULT',
                line=line_of(definition, context.statement),
            )
