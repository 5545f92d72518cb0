from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AlterSchema, AlterTable, CreateSchema, CreateTable
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.pointing import violation_at
from dbops.rules.facts.settings import Setting, charsets
from dbops.rules.options import ListOptions


class SystemCharsetAllowlist(Rule):
    """
    ## What it does
    Reports character sets (MySQL `CHARSET`, PostgreSQL `CREATE DATABASE … ENCODING`) that are
    not on the allow list.

    ## Why is this bad?
    A database or table in a legacy character set cannot store every character the application
    receives (emoji in `utf8mb3`, anything outside Latin-1 in `latin1`).

    ## Example
    ```sql
    CREATE DATABASE shop WITH ENCODING 'LATIN1';
    ```

    ## Use instead
    ```sql
    CREATE DATABASE shop WITH ENCODING 'UTF8';
    ```

    ## Options
    - `values` (Bytebase: `list`): allowed character sets (default `utf8mb4`, `UTF8`).
    """

    name = "system-charset-allowlist"
    bytebase_type = "system.charset.allowlist"
    default_level = None
    category = "system"
    Options = ListOptions
    bad_example = "CREATE DATABASE shop WITH ENCODING 'LATIN1';"
    good_example = "CREATE DATABASE shop WITH ENCODING 'UTF8';"
    reads_model = True
    statement_kinds = (CreateTable, AlterTable, CreateSchema, AlterSchema)

    def check(self, context: StatementContext) -> Iterator[Violation]:
        assert isinstance(self.options, ListOptions)
        allowed = {name.lower() for name in self.options.values or ["utf8mb4", "utf8"]}
        for charset in charsets(context.statement):
            if charset.value.lower() not in allowed:
                yield _report(charset)


def _report(charset: Setting) -> Violation:
    return violation_at(
        f"character set {charset.value} {charset.where} is not in the allow list",
        charset.span,
    )
