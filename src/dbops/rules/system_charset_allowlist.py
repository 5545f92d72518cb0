from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.options import ListOptions


def _charsets(context: RuleContext) -> list[str]:
    statement = context.statement
    found: list[str] = []
    if statement.tree is not None and not statement.opaque:
        for node in statement.tree.find_all(
            exp.CharacterSetProperty, exp.CharacterSetColumnConstraint
        ):
            found.append(node.this.name)
    words = statement.keywords
    for marker in ("ENCODING", "CHARSET"):
        if statement.opaque and marker in words:
            at = words.index(marker) + 1
            at += 1 if words[at : at + 1] == ("=",) else 0
            if at < len(words):
                found.append(statement.tokens[at].text)
    return found


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
    needs_tree = False
    Options = ListOptions
    bad_example = "CREATE DATABASE shop WITH ENCODING 'LATIN1';"
    good_example = "CREATE DATABASE shop WITH ENCODING 'UTF8';"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        assert isinstance(self.options, ListOptions)
        allowed = {name.lower() for name in self.options.values or ["utf8mb4", "utf8"]}
        for charset in _charsets(context):
            if charset.strip("'\"").lower() not in allowed:
                yield Violation(f"character set {charset} is not in the allow list")
