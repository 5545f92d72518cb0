from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from dbops.core.schema import FOREIGN
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.naming import NAMED_KEY_STATEMENTS, check_name, named_keys
from dbops.rules.options import NamingOptions, Regex


class TemplateOptions(NamingOptions):
    format: Regex = Field(
        default="^fk_{{referencing_table}}_{{referencing_column}}_{{referenced_table}}_{{referenced_column}}$",
        description="naming template",
    )


class NamingIndexFk(Rule):
    """
    ## What it does
    Reports a named foreign key whose name does not follow the template (default
    `fk_<table>_<column>_<referenced table>_<referenced column>`).
    Templates may use `{{table}}`, `{{column_list}}` (columns joined by `_`),
    `{{referencing_table}}`, `{{referencing_column}}`, `{{referenced_table}}` and
    `{{referenced_column}}`.

    ## Why is this bad?
    Names that say what a key covers make error messages, query plans and later migrations
    readable, and keep generated names from differing between environments.

    ## Example
    ```sql
    ALTER TABLE orders ADD CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES users (id);
    ```

    ## Use instead
    ```sql
    ALTER TABLE orders ADD CONSTRAINT fk_orders_user_id_users_id FOREIGN KEY (user_id)
      REFERENCES users (id);
    ```

    ## Options
    - `format`: the template, a regular expression (default
      `^fk_{{referencing_table}}_{{referencing_column}}_{{referenced_table}}_{{referenced_column}}$`).
    - `max_length` (Bytebase: `maxLength`): longest name allowed (default 63).
    """

    name = "naming-index-fk"
    bytebase_type = "naming.index.fk"
    default_level = None
    category = "naming"
    reads_model = True
    statement_kinds = NAMED_KEY_STATEMENTS
    Options = TemplateOptions
    example_history = (
        "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n"
        "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL);"
    )
    bad_example = (
        "ALTER TABLE orders ADD CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES users (id);"
    )
    good_example = (
        "ALTER TABLE orders ADD CONSTRAINT fk_orders_user_id_users_id FOREIGN KEY (user_id) "
        "REFERENCES users (id);"
    )

    def check(self, context: StatementContext) -> Iterator[Violation]:
        assert isinstance(self.options, NamingOptions)
        for key in named_keys(context, {FOREIGN}):
            yield from check_name(key, self.options, "foreign key")
