from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AlterSequence, AlterTable, SetColumnOption
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, violation, written


class BanAlterSequenceValues(Rule):
    """
    ## What it does
    Reports `ALTER SEQUENCE …` changing the values it generates (RESTART, START, INCREMENT,
    MINVALUE, MAXVALUE, CACHE, CYCLE, AS) and the same options on an identity column (`ALTER COLUMN
    … RESTART`, `SET INCREMENT BY …`).

    ## Why is this bad?
    Clients and other systems rely on the ids a sequence hands out: a RESTART can hand out ids that
    already exist (duplicate key errors), a new increment or type changes ids they expect to be
    ordered or to fit.

    ## Example
    ```sql
    ALTER SEQUENCE invoice_numbers RESTART WITH 1000;
    ```

    ## Use instead
    ```sql
    ALTER SEQUENCE invoice_numbers OWNED BY NONE;
    ```
    """

    name = "ban-alter-sequence-values"
    default_level = None
    dialects = POSTGRES
    category = "backward-compatibility"
    reads_model = True
    statement_kinds = (
        AlterSequence,
        AlterTable,
    )
    example_history = "CREATE SEQUENCE invoice_numbers;"
    bad_example = "ALTER SEQUENCE invoice_numbers RESTART WITH 1000;"
    good_example = "ALTER SEQUENCE invoice_numbers OWNED BY NONE;"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        if isinstance(statement, AlterSequence):
            changed = [option for option in statement.options if option in _VALUE_OPTIONS]
            if changed:
                yield violation(
                    f"changing {', '.join(changed)} of sequence {written(statement.name)} changes "
                    "the values existing clients get",
                    statement.span,
                )
            return
        assert isinstance(statement, AlterTable)
        for action in statement.actions:
            if isinstance(action, SetColumnOption) and action.option == "SET IDENTITY":
                words = set(action.value.upper().replace("SET ", "").split())
                if words & _VALUE_OPTIONS:
                    yield violation(
                        f"changing the identity sequence of {written(statement.table)}."
                        f"{action.column.written} changes the values existing clients get",
                        action.span,
                    )


_VALUE_OPTIONS = frozenset(
    {"RESTART", "START", "INCREMENT", "MINVALUE", "MAXVALUE", "CACHE", "CYCLE", "AS"}
)
