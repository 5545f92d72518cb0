from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from pydantic import Field
from sqlglot.tokenizer_core import TokenType

from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.options import ListOptions


class DisallowedFunctionsOptions(ListOptions):
    values: list[str] = Field(
        default_factory=lambda: ["RAND", "UUID", "SLEEP"],
        alias="list",
        description="function names that may not be called",
    )


class SystemFunctionDisallowedList(Rule):
    """
    ## What it does
    Reports calls of functions on the deny list (by default `RAND`, `UUID` and `SLEEP`).

    ## Why is this bad?
    Non-deterministic functions make a migration produce different data on each server and on
    each replica under statement-based replication; `SLEEP` holds locks for nothing.

    ## Example
    ```sql
    UPDATE users SET token = UUID() WHERE token IS NULL;
    ```

    ## Use instead
    ```sql
    UPDATE users SET token = MD5(CONCAT(id, email)) WHERE token IS NULL;
    ```

    ## Options
    - `values` (Bytebase: `list`): the function names (case-insensitive; default `RAND`, `UUID`,
      `SLEEP`).
    """

    name = "system-function-disallowed-list"
    bytebase_type = "system.function.disallowed-list"
    default_level = None
    category = "system"
    needs_tree = False
    Options = DisallowedFunctionsOptions
    bad_example = "UPDATE users SET token = UUID() WHERE token IS NULL;"
    good_example = "UPDATE users SET token = MD5(CONCAT(id, email)) WHERE token IS NULL;"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        assert isinstance(self.options, DisallowedFunctionsOptions)
        banned = {name.upper() for name in self.options.values}
        tokens = context.statement.tokens
        seen: set[str] = set()
        # Read as written (a name followed by "("): sqlglot's trees rename functions between
        # dialects (`random()` becomes `RAND()`), and opaque statements have no tree.
        for token, following in pairwise(tokens):
            name = token.text.upper()
            if following.token_type != TokenType.L_PAREN or name not in banned or name in seen:
                continue
            if token.token_type not in (TokenType.STRING, TokenType.IDENTIFIER):
                seen.add(name)
                yield Violation(f"function {name}() is not allowed by this policy")
