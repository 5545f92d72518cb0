from __future__ import annotations

from collections.abc import Iterator

from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.tokens import created_object


class SystemFunctionDisallowCreate(Rule):
    """
    ## What it does
    Reports `CREATE FUNCTION` statements (stored functions).

    ## Why is this bad?
    Stored functions put logic outside the application's review and tests, and a function
    called per row in a query is a hidden performance cost the planner cannot see into.

    ## Example
    ```sql
    CREATE FUNCTION full_name(a text, b text) RETURNS text RETURN CONCAT(a, ' ', b);
    ```

    ## Use instead
    ```sql
    SELECT CONCAT(first_name, ' ', last_name) AS full_name FROM users;
    ```
    """

    name = "system-function-disallow-create"
    bytebase_type = "system.function.disallow-create"
    default_level = None
    category = "system"
    needs_tree = False
    bad_example = "CREATE FUNCTION full_name(a text, b text) RETURNS text RETURN CONCAT(a, ' ', b);"
    good_example = "SELECT CONCAT(first_name, ' ', last_name) AS full_name FROM users;"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        if created_object(context.statement) == "FUNCTION":
            yield Violation("stored functions are not allowed by this policy")
