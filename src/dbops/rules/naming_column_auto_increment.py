from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import Field

from dbops.core.statements import AlterTable, CreateTable
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.columns import defined_columns, stored_name
from dbops.rules.facts.pointing import violation_at
from dbops.rules.options import NamingOptions, Regex


class AutoIncrementNamingOptions(NamingOptions):
    format: Regex = Field(default="^id$", description="regular expression a name must match")
    max_length: int = Field(default=64, alias="maxLength", description="longest name allowed")


class NamingColumnAutoIncrement(Rule):
    """
    ## What it does
    Reports MySQL `AUTO_INCREMENT` columns whose name does not match the format (`id` by
    default).

    ## Why is this bad?
    When every generated key is called the same, joins, ORMs and data tools find it without a
    per-table mapping.

    ## Example
    ```sql
    CREATE TABLE orders (order_no bigint AUTO_INCREMENT PRIMARY KEY);
    ```

    ## Use instead
    ```sql
    CREATE TABLE orders (id bigint AUTO_INCREMENT PRIMARY KEY);
    ```

    ## Options
    - `format`: regular expression the name must match (default `^id$`).
    - `max_length` (Bytebase: `maxLength`): longest name allowed (default 64).
    """

    name = "naming-column-auto-increment"
    bytebase_type = "naming.column.auto-increment"
    default_level = None
    dialects = frozenset({"mysql"})
    category = "naming"
    reads_model = True
    statement_kinds = (CreateTable, AlterTable)
    Options = AutoIncrementNamingOptions
    bad_example = "CREATE TABLE orders (order_no bigint AUTO_INCREMENT PRIMARY KEY);"
    good_example = "CREATE TABLE orders (id bigint AUTO_INCREMENT PRIMARY KEY);"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        assert isinstance(self.options, AutoIncrementNamingOptions)
        pattern = re.compile(self.options.format)
        for defined in defined_columns(context.statement):
            if not defined.column.auto_increment:
                continue
            name = stored_name(defined.column.name, context.dialect)
            if not pattern.search(name) or len(name) > self.options.max_length:
                yield violation_at(
                    f'auto-increment column "{name}" does not match {self.options.format} '
                    f"(at most {self.options.max_length} characters)",
                    defined.span,
                )
