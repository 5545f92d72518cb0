from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import (
    CreateTableAs,
    CreateView,
    Delete,
    Insert,
    Merge,
    Select,
    Update,
)
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.pointing import violation_at
from dbops.rules.facts.queries import (
    filters,
    function_name,
    is_calculation,
    resolve_column,
    wrapped_columns,
)


class StatementWhereDisallowFunctionsAndCalculations(Rule):
    """
    ## What it does
    Reports a function or a calculation applied to an indexed column in a filter — WHERE, JOIN
    … ON, MERGE … ON / WHEN, ON CONFLICT … WHERE — in any subquery or CTE, for columns that the
    schema model knows to be indexed.

    ## Why is this bad?
    An index on `name` cannot serve `WHERE upper(name) = 'X'` or `WHERE id + 1 > 5`: the
    database evaluates the expression for every row instead.

    ## Example
    ```sql
    SELECT id FROM users WHERE lower(email) = 'ada@example.com';
    ```

    ## Use instead
    ```sql
    SELECT id FROM users WHERE email = 'ada@example.com';
    ```
    (or index the expression: `CREATE INDEX … ON users (lower(email))`)
    """

    name = "statement-where-disallow-functions-and-calculations"
    bytebase_type = "statement.where.disallow-functions-and-calculations"
    default_level = None
    category = "statement"
    example_history = (
        "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n"
        "CREATE INDEX users_email_idx ON users (email);"
    )
    bad_example = "SELECT id FROM users WHERE lower(email) = 'ada@example.com';"
    good_example = "SELECT id FROM users WHERE email = 'ada@example.com';"
    reads_model = True
    statement_kinds = (Select, Insert, Update, Delete, Merge, CreateTableAs, CreateView)

    def check(self, context: StatementContext) -> Iterator[Violation]:
        reported: set[tuple[str, int]] = set()
        for found in filters(context.statement):
            for column, wrapper in wrapped_columns(found.condition):
                resolved = resolve_column(column, found.scope, context.schema)
                if resolved is None:
                    continue
                table, name = resolved
                if name not in context.schema.indexed_columns(table.name):
                    continue
                if (name, id(wrapper)) in reported:
                    continue
                reported.add((name, id(wrapper)))
                what = (
                    f"a calculation ({wrapper.text}) is"
                    if is_calculation(wrapper)
                    else f"function {function_name(wrapper)} is"
                )
                yield violation_at(
                    f'{what} applied to indexed column "{column.name}" in a filter, which '
                    "prevents index use",
                    wrapper.span,
                    column.span,
                )
