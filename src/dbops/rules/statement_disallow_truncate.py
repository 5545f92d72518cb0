from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.rules.base import Rule, RuleContext, Violation

_NOT_TABLES = {"TABLE", "ONLY", "CASCADE", "RESTRICT", "RESTART", "CONTINUE", "IDENTITY", "*"}


class StatementDisallowTruncate(Rule):
    """
    ## What it does
    Reports `TRUNCATE`.

    ## Why is this bad?
    TRUNCATE removes every row at once, bypasses DELETE triggers, and (on MySQL) cannot be
    rolled back. In a migration it is almost always a mistake that destroys production data.

    ## Example
    ```sql
    TRUNCATE TABLE sessions;
    ```

    ## Use instead
    ```sql
    DELETE FROM sessions WHERE expires_at < now();
    ```
    """

    name = "statement-disallow-truncate"
    bytebase_type = "statement.disallow-truncate"
    default_level = Level.WARNING
    category = "statement"
    needs_tree = False
    bad_example = "TRUNCATE TABLE sessions;"
    good_example = "DELETE FROM sessions WHERE expires_at < now();"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        statement = context.statement
        if statement.keywords[:1] != ("TRUNCATE",):
            return
        words = [t for t in statement.tokens[1:] if t.text.upper() not in _NOT_TABLES]
        names = [t for i, t in enumerate(words) if i + 1 == len(words) or words[i + 1].text == ","]
        for token in names or statement.tokens[:1]:
            yield Violation(f"TRUNCATE removes every row of {token.text}", line=token.line)
