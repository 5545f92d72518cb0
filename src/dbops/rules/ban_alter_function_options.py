from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AlterObject
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, violation, written


class BanAlterFunctionOptions(Rule):
    """
    ## What it does
    Reports `ALTER FUNCTION | PROCEDURE | ROUTINE … ` changing options: volatility, STRICT, SECURITY
    DEFINER/INVOKER, LEAKPROOF, PARALLEL, COST, ROWS, `SET`/`RESET` of a setting.

    ## Why is this bad?
    Clients depend on how a function behaves: STRICT makes it return NULL on NULL input, SECURITY
    DEFINER changes whose privileges it runs with, a volatility change alters plans and index use,
    `SET search_path` changes what it resolves.

    ## Example
    ```sql
    ALTER FUNCTION add_one(bigint) STRICT;
    ```

    ## Use instead
    ```sql
    ALTER FUNCTION add_one(bigint) RENAME TO add_one_v1;
    ```
    """

    name = "ban-alter-function-options"
    default_level = None
    dialects = POSTGRES
    category = "backward-compatibility"
    reads_model = True
    statement_kinds = (AlterObject,)
    example_history = (
        "CREATE FUNCTION add_one(i bigint) RETURNS bigint LANGUAGE sql AS 'SELECT i + 1';"
    )
    bad_example = "ALTER FUNCTION add_one(bigint) STRICT;"
    good_example = "ALTER FUNCTION add_one(bigint) RENAME TO add_one_v1;"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, AlterObject)
        if statement.object_kind in _ROUTINES and statement.action == "OPTIONS":
            changed = ", ".join(option.upper() for option in statement.changes)
            yield violation(
                f"changing {changed} of {statement.object_kind.lower()} {written(statement.name)} "
                "may change behaviour for existing clients",
                statement.span,
            )


_ROUTINES = frozenset({"FUNCTION", "PROCEDURE", "ROUTINE", "AGGREGATE"})
