from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from dbops.core.schema import INDEX
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.naming import NAMED_KEY_STATEMENTS, check_name, named_keys
from dbops.rules.options import NamingOptions, Regex


class TemplateOptions(NamingOptions):
    format: Regex = Field(default="^idx_{{table}}_{{column_list}}$", description="naming template")


class NamingIndexIdx(Rule):
    """
    ## What it does
    Reports a named index whose name does not follow the template
    (default `idx_<table>_<columns>`).

    Templates may use `{{table}}`, `{{column_list}}` (columns joined by `_`),
    `{{referencing_table}}`, `{{referencing_column}}`, `{{referenced_table}}` and
    `{{referenced_column}}`.

    ## Why is this bad?
    Names that say what a key covers make error messages, query plans and later migrations
    readable, and keep generated names from differing between environments.

    ## Example
    ```sql
    CREATE INDEX users_email ON users (email);
    ```

    ## Use instead
    ```sql
    CREATE INDEX idx_users_email ON users (email);
    ```

    ## Options
    - `format`: the template, a regular expression (default `^idx_{{table}}_{{column_list}}$`).
    - `max_length` (Bytebase: `maxLength`): longest name allowed (default 63).
    """

    name = "naming-index-idx"
    bytebase_type = "naming.index.idx"
    default_level = None
    category = "naming"
    reads_model = True
    statement_kinds = NAMED_KEY_STATEMENTS
    Options = TemplateOptions
    example_history = (
        "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n"
        "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL);"
    )
    bad_example = "CREATE INDEX users_email ON users (email);"
    good_example = "CREATE INDEX idx_users_email ON users (email);"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        assert isinstance(self.options, NamingOptions)
        for key in named_keys(context, {INDEX}):
            yield from check_name(key, self.options, "index")
