from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import Invalid, SetSetting, Statement, Unmodelled
from dbops.rules.base import Rule, StatementContext, Violation


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
    bad_example = "CREATE TABLE public.users (id bigint PRIMARY KEY);"
    good_example = "SET ROLE app_owner;\nCREATE TABLE public.users (id bigint PRIMARY KEY);"
    reads_model = True
    statement_kinds = (Statement,)  # the first statement of the file, whatever it is

    def check(self, context: StatementContext) -> Iterator[Violation]:
        if any(not isinstance(earlier, Invalid) for earlier in context.previous):
            return  # reported at the file's first statement only
        statements = [context.statement, *context.following]
        if not any(_sets_role(statement) for statement in statements):
            yield Violation(
                "no SET ROLE in this migration: object ownership depends on who runs it"
            )


def _sets_role(statement: Statement) -> bool:
    if isinstance(statement, Unmodelled):
        return statement.first_words.upper() == "SET ROLE"
    return isinstance(statement, SetSetting) and statement.name == "role" and not statement.reset
