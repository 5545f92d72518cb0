from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import AlterTable, CreateTable
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.lock_safety import at, typed_columns


class BanCharField(Rule):
    """
    ## What it does
    Reports `char(n)` / `character(n)` columns (PostgreSQL), arrays of them (`char(2)[]`) too,
    in CREATE TABLE, ADD COLUMN and ALTER COLUMN … TYPE.

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
    reads_model = True
    statement_kinds = (CreateTable, AlterTable)
    bad_example = "CREATE TABLE countries (code char(2) PRIMARY KEY);"
    good_example = "CREATE TABLE countries (code varchar(2) PRIMARY KEY);"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        for column, type_name, span in typed_columns(context.statement):
            if type_name.name == "character":
                yield at(
                    span,
                    f'column "{column}" is {type_name.written}, which pads with spaces; use '
                    f"varchar or text",
                )
