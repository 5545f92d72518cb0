from __future__ import annotations

from collections.abc import Iterator

from dbops.core.schema import PRIMARY, column_from_definition
from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.mysql_shapes import LOB_TYPES, base_type, defined_columns, is_auto_increment
from dbops.rules.shapes import default_of, keys_defined, line_of


class ColumnSetDefaultForNotNull(Rule):
    """
    ## What it does
    Reports MySQL `NOT NULL` columns without a `DEFAULT`, except primary-key, auto-increment and
    `BLOB`/`TEXT`/`JSON`/`GEOMETRY` columns (which cannot have a literal default).

    ## Why is this bad?
    An `INSERT` that leaves the column out fails in strict mode and, outside it, silently
    stores `''` or `0`. A default makes the column safe to add and to leave out.

    ## Example
    ```sql
    CREATE TABLE users (id bigint PRIMARY KEY, status varchar(10) NOT NULL);
    ```

    ## Use instead
    ```sql
    CREATE TABLE users (id bigint PRIMARY KEY, status varchar(10) NOT NULL DEFAULT 'new');
    ```
    """

    name = "column-set-default-for-not-null"
    bytebase_type = "column.set-default-for-not-null"
    default_level = None
    dialects = frozenset({"mysql"})
    category = "column"
    bad_example = "CREATE TABLE users (id bigint PRIMARY KEY, status varchar(10) NOT NULL);"
    good_example = (
        "CREATE TABLE users (id bigint PRIMARY KEY, status varchar(10) NOT NULL DEFAULT 'new');"
    )

    def check(self, context: RuleContext) -> Iterator[Violation]:
        tree = context.statement.tree
        keys = {
            column
            for index, _ in keys_defined(tree, context.schema)
            if index.kind == PRIMARY
            for column in index.columns
        }
        for definition in defined_columns(tree):
            column = column_from_definition(definition, context.dialect)
            exempt = (
                context.schema.name_of(definition.this) in keys
                or is_auto_increment(definition)
                or base_type(definition) in LOB_TYPES
            )
            if not column.nullable and default_of(definition) is None and not exempt:
                yield Violation(
                    f'NOT NULL column "{definition.name}" has no DEFAULT',
                    line=line_of(definition, context.statement),
                )
