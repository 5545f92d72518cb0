from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.rules.base import Rule, RuleContext, Violation


class NamingFullyQualified(Rule):
    """
    ## What it does
    Reports tables, sequences and other objects named without their schema (`users` instead of
    `public.users`), in DDL and DML (PostgreSQL). Names of CTEs are not objects and are skipped.

    ## Why is this bad?
    An unqualified name resolves through the session's `search_path`, which may differ between
    environments, tools and roles: the statement may touch a different object than intended.

    ## Example
    ```sql
    INSERT INTO users (id) VALUES (1);
    ```

    ## Use instead
    ```sql
    INSERT INTO public.users (id) VALUES (1);
    ```
    """

    name = "naming-fully-qualified"
    bytebase_type = "naming.fully-qualified"
    default_level = None
    dialects = frozenset({"postgres"})
    category = "naming"
    bad_example = "INSERT INTO users (id) VALUES (1);"
    good_example = "INSERT INTO public.users (id) VALUES (1);"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        tree = context.statement.tree
        if tree is None or (isinstance(tree, exp.Drop) and tree.args.get("kind") == "TRIGGER"):
            return
        ctes = {cte.alias_or_name.lower() for cte in tree.find_all(exp.CTE)}
        for table in tree.find_all(exp.Table):
            if isinstance(table.parent, exp.AlterRename) or table.args.get("db"):
                continue
            if not table.name or table.name.lower() in ctes:
                continue
            if isinstance(table.this, exp.Identifier):
                yield Violation(f'"{table.name}" is not schema-qualified')
