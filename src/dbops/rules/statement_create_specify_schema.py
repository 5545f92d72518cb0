from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.rules.base import Rule, RuleContext, Violation


class StatementCreateSpecifySchema(Rule):
    """
    ## What it does
    Reports `CREATE TABLE` (and other CREATE statements naming a table-like object) without a
    schema-qualified name (PostgreSQL).

    ## Why is this bad?
    The object lands in whatever schema comes first in the session's `search_path`, which may
    differ between environments and tools.

    ## Example
    ```sql
    CREATE TABLE users (id bigint PRIMARY KEY);
    ```

    ## Use instead
    ```sql
    CREATE TABLE public.users (id bigint PRIMARY KEY);
    ```
    """

    name = "statement-create-specify-schema"
    bytebase_type = "statement.create-specify-schema"
    default_level = None
    dialects = frozenset({"postgres"})
    category = "statement"
    bad_example = "CREATE TABLE users (id bigint PRIMARY KEY);"
    good_example = "CREATE TABLE public.users (id bigint PRIMARY KEY);"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        tree = context.statement.tree
        if not isinstance(tree, exp.Create) or (tree.args.get("kind") or "").upper() != "TABLE":
            return
        target = tree.this.this if isinstance(tree.this, exp.Schema) else tree.this
        if isinstance(target, exp.Table) and not target.args.get("db"):
            yield Violation(f"table {target.name} is created without a schema")
