from __future__ import annotations

from collections.abc import Iterator

from dbops.core.schema import PRIMARY
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.columns import type_in_list
from dbops.rules.facts.keys import (
    KEY_STATEMENTS,
    defined_columns,
    first_span,
    keys_defined,
    located,
)
from dbops.rules.options import ListOptions


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
    reads_model = True
    statement_kinds = KEY_STATEMENTS

    def check(self, context: StatementContext) -> Iterator[Violation]:
        assert isinstance(self.options, ListOptions)
        allowed = self.options.values or ["bigint", "bigserial", "int", "serial", "uuid"]
        statement = context.statement
        definitions = defined_columns(statement)
        for key in keys_defined(statement, context.schema):
            if key.kind != PRIMARY:
                continue
            for name in key.columns:
                definition = definitions.get(name.value)
                if definition is None or definition.type is None:
                    continue  # only the columns the statement defines: their type is written
                if not type_in_list(definition.type, allowed, context.dialect):
                    yield located(
                        f'primary key column "{name.written}" has type '
                        f"{definition.type.written}, which is not in the allow list",
                        first_span(definition.span, key.span),
                    )
