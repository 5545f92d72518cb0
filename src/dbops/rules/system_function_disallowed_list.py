from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from dbops.core.statements import ExprKind, Statement
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.pointing import violation_at
from dbops.rules.facts.queries import all_expressions, function_name
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
    Options = DisallowedFunctionsOptions
    bad_example = "UPDATE users SET token = UUID() WHERE token IS NULL;"
    good_example = "UPDATE users SET token = MD5(CONCAT(id, email)) WHERE token IS NULL;"
    reads_model = True
    statement_kinds = (Statement,)

    def check(self, context: StatementContext) -> Iterator[Violation]:
        assert isinstance(self.options, DisallowedFunctionsOptions)
        banned = {name.upper() for name in self.options.values}
        seen: set[str] = set()
        for call in all_expressions(context.statement):
            if call.kind is not ExprKind.FUNCTION:
                continue
            # As written: a parser may rename a function (sqlglot turns `random()` into
            # `RAND()`), so the text decides, not the normalized name.
            written = function_name(call)
            if written.upper() in banned and written.upper() not in seen:
                seen.add(written.upper())
                yield violation_at(f"function {written}() is not allowed by this policy", call.span)
