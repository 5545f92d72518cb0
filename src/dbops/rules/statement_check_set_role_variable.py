from __future__ import annotations

from collections.abc import Iterator

from dbops.rules.base import Rule, RuleContext, Violation


class StatementCheckSetRoleVariable(Rule):
    """
    ## What it does
    Reports a migration that has no `SET ROLE` statement, at its first statement (PostgreSQL).

    ## Why is this bad?
    Objects are owned by the role that creates them. Without `SET ROLE`, ownership depends on
    which account happens to run the migration, and later migrations run by another account
    cannot alter those objects.

    ## Example
    ```sql
    CREATE TABLE public.users (id bigint PRIMARY KEY);
    ```

    ## Use instead
    ```sql
    SET ROLE app_owner;
    CREATE TABLE public.users (id bigint PRIMARY KEY);
    ```
    """

    name = "statement-check-set-role-variable"
    bytebase_type = "statement.check-set-role-variable"
    default_level = None
    dialects = frozenset({"postgres"})
    category = "statement"
    needs_tree = False
    bad_example = "CREATE TABLE public.users (id bigint PRIMARY KEY);"
    good_example = "SET ROLE app_owner;\nCREATE TABLE public.users (id bigint PRIMARY KEY);"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        if context.previous:
            return
        statements = [context.statement, *context.following]
        if not any(_sets_role(s.keywords) for s in statements):
            yield Violation(
                "no SET ROLE in this migration: object ownership depends on who runs it"
            )


def _sets_role(words: tuple[str, ...]) -> bool:
    return words[:2] == ("SET", "ROLE") or words[:3] in (
        ("SET", "SESSION", "ROLE"),
        ("SET", "LOCAL", "ROLE"),
    )
