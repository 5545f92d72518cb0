from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.core.schema import PRIMARY
from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.options import ListOptions
from dbops.rules.shapes import column_definitions, data_type, keys_defined, line_of
from dbops.rules.types import in_list


class IndexPrimaryKeyTypeAllowlist(Rule):
    """
    ## What it does
    Reports primary key columns whose type is not on the allow list.

    ## Why is this bad?
    Keys of text or floating types are large, slow to compare, and make every referencing
    foreign key large too.

    ## Example
    ```sql
    CREATE TABLE users (email varchar(200) PRIMARY KEY);
    ```

    ## Use instead
    ```sql
    CREATE TABLE users (id bigint PRIMARY KEY, email varchar(200) NOT NULL);
    ```

    ## Options
    - `values` (Bytebase: `list`): allowed types (default `bigint`, `bigserial`, `int`,
      `serial`, `uuid`).
    """

    name = "index-primary-key-type-allowlist"
    bytebase_type = "index.primary-key-type-allowlist"
    default_level = None
    category = "index"
    Options = ListOptions
    bad_example = "CREATE TABLE users (email varchar(200) PRIMARY KEY);"
    good_example = "CREATE TABLE users (id bigint PRIMARY KEY, email varchar(200) NOT NULL);"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        assert isinstance(self.options, ListOptions)
        allowed = self.options.values or ["bigint", "bigserial", "int", "serial", "uuid"]
        definitions = {
            context.schema.name_of(site.definition.this): site.definition
            for site in column_definitions(context.statement.tree)
        }
        for index, _node in keys_defined(context.statement.tree, context.schema):
            if index.kind != PRIMARY:
                continue
            for column in index.columns:
                definition = definitions.get(column)
                datatype = data_type(definition) if definition is not None else None
                if isinstance(datatype, exp.DataType) and not in_list(
                    datatype, allowed, context.dialect
                ):
                    yield Violation(
                        f'primary key column "{column}" has type {datatype.sql(context.dialect)}, '
                        f"which is not in the allow list",
                        line=line_of(definition, context.statement) if definition else None,
                    )
