from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import CreateRoutine, CreateView
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, violation, written


class BanReplaceViewFunction(Rule):
    """
    ## What it does
    Reports `CREATE OR REPLACE VIEW` and `CREATE OR REPLACE FUNCTION | PROCEDURE | TRIGGER | RULE`.

    ## Why is this bad?
    Replacing swaps the definition under every existing client at once, with no version of the
    application written for it: a view's columns or a function's behaviour change silently.

    ## Example
    ```sql
    CREATE OR REPLACE FUNCTION add_one(i bigint) RETURNS bigint LANGUAGE sql AS 'SELECT i + 2';
    ```

    ## Use instead
    ```sql
    CREATE FUNCTION add_two(i bigint) RETURNS bigint LANGUAGE sql AS 'SELECT i + 2';
    ```
    """

    name = "ban-replace-view-function"
    default_level = None
    dialects = POSTGRES
    category = "backward-compatibility"
    reads_model = True
    statement_kinds = (
        CreateView,
        CreateRoutine,
    )
    example_history = (
        "CREATE FUNCTION add_one(i bigint) RETURNS bigint LANGUAGE sql AS 'SELECT i + 1';"
    )
    bad_example = (
        "CREATE OR REPLACE FUNCTION add_one(i bigint) RETURNS bigint LANGUAGE sql AS 'SELECT i + "
        "2';"
    )
    good_example = (
        "CREATE FUNCTION add_two(i bigint) RETURNS bigint LANGUAGE sql AS 'SELECT i + 2';"
    )

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        if isinstance(statement, CreateView) and statement.or_replace:
            yield violation(
                f"replacing view {written(statement.name)} changes what existing clients read",
                statement.span,
            )
        elif isinstance(statement, CreateRoutine) and statement.or_replace:
            kind = statement.routine_kind.lower()
            yield violation(
                f"replacing {kind} {written(statement.name)} silently changes behaviour for "
                "existing clients",
                statement.span,
            )
