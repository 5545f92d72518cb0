from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import Drop
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_support import POSTGRES, drops_of


class BanDropPolicy(Rule):
    """
    ## What it does
    Reports `DROP POLICY` (and `DROP RULE`).

    ## Why is this bad?
    A row-level security policy (or a rewrite rule) decides which rows clients see and may write;
    dropping one silently changes what existing clients get. The application version still running
    during and after the deploy keeps using the policy: dropping it in the same release breaks those
    clients. Stop using it first, deploy, and drop it in a later migration.

    ## Example
    ```sql
    DROP POLICY owner_only ON public.docs;
    ```

    ## Use instead
    ```sql
    -- stop using the policy, deploy, then drop it in a later release
    COMMENT ON POLICY owner_only ON public.docs IS 'kept';
    ```
    """

    name = "ban-drop-policy"
    default_level = None
    dialects = POSTGRES
    category = "backward-compatibility"
    reads_model = True
    statement_kinds = (Drop,)
    example_history = (
        "CREATE TABLE public.docs (id bigint PRIMARY KEY, owner text);\nCREATE POLICY owner_only "
        "ON public.docs USING (owner = current_user);"
    )
    bad_example = "DROP POLICY owner_only ON public.docs;"
    good_example = "COMMENT ON POLICY owner_only ON public.docs IS 'kept';"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, Drop)
        yield from drops_of(statement, _KINDS, "policy")


_KINDS = frozenset({"POLICY", "RULE"})
