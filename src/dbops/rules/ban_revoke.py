from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import (
    AlterDomain,
    AlterObject,
    AlterSchema,
    AlterTable,
    AlterType,
    Grant,
    SetTableOption,
    Statement,
)
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, violation, written


class BanRevoke(Rule):
    """
    ## What it does
    Reports `REVOKE` (privileges or role membership) and `… OWNER TO` on a table, view, function,
    type, domain, schema or database.

    ## Why is this bad?
    The roles existing clients connect as lose what they were allowed to do: their queries fail with
    `permission denied`. A new owner also takes the old owner's implicit privileges away.

    ## Example
    ```sql
    REVOKE SELECT ON public.orders FROM reporting;
    ```

    ## Use instead
    ```sql
    GRANT SELECT ON public.orders TO reporting;
    ```
    """

    name = "ban-revoke"
    default_level = None
    dialects = POSTGRES
    category = "backward-compatibility"
    reads_model = True
    statement_kinds = (
        Grant,
        AlterTable,
        AlterObject,
        AlterType,
        AlterDomain,
        AlterSchema,
    )
    example_history = (
        "CREATE TABLE public.orders (id bigint PRIMARY KEY, total numeric NOT NULL, note text);"
    )
    bad_example = "REVOKE SELECT ON public.orders FROM reporting;"
    good_example = "GRANT SELECT ON public.orders TO reporting;"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        if isinstance(statement, Grant):
            if statement.revoke:
                what = ", ".join(statement.privileges) or "privileges"
                who = ", ".join(statement.grantees)
                yield violation(
                    f"revoking {what} from {who} may break existing clients that connect as them",
                    statement.span,
                )
            return
        if isinstance(statement, AlterTable):
            for action in statement.actions:
                if isinstance(action, SetTableOption) and action.option == "OWNER TO":
                    yield violation(
                        f"changing the owner of {written(statement.table)} may take privileges "
                        "existing clients rely on",
                        action.span,
                    )
        elif _changes_owner(statement):
            yield violation(
                "changing an object's owner may take privileges existing clients rely on",
                statement.span,
            )


def _changes_owner(statement: Statement) -> bool:
    if isinstance(statement, AlterObject | AlterType | AlterDomain):
        return statement.action == "OWNER TO"
    # PostgreSQL's ALTER SCHEMA either renames or changes the owner
    return isinstance(statement, AlterSchema) and statement.rename_to is None
