from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import (
    CreateTableAs,
    CreateView,
    Delete,
    ExprKind,
    Insert,
    Merge,
    Select,
    Update,
)
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.pointing import violation_at
from dbops.rules.facts.queries import all_expressions, literal_value

_LIKE = frozenset({"like", "ilike", "not like", "not ilike"})


class StatementWhereNoLeadingWildcardLike(Rule):
    """
    ## What it does
    Reports `LIKE '%…'` patterns that start with a wildcard.

    ## Why is this bad?
    A B-tree index cannot serve a pattern with a leading wildcard: the database scans the whole
    table or index.

    ## Example
    ```sql
    SELECT id FROM users WHERE email LIKE '%@example.com';
    ```

    ## Use instead
    ```sql
    SELECT id FROM users WHERE email LIKE 'admin@%';
    ```
    """

    name = "statement-where-no-leading-wildcard-like"
    bytebase_type = "statement.where.no-leading-wildcard-like"
    default_level = None
    category = "statement"
    bad_example = "SELECT id FROM users WHERE email LIKE '%@example.com';"
    good_example = "SELECT id FROM users WHERE email LIKE 'admin@%';"
    reads_model = True
    statement_kinds = (Select, Insert, Update, Delete, Merge, CreateTableAs, CreateView)

    def check(self, context: StatementContext) -> Iterator[Violation]:
        for like in all_expressions(context.statement):
            if like.kind is not ExprKind.OPERATOR or like.name.lower() not in _LIKE:
                continue
            pattern = like.arguments[1].stripped() if len(like.arguments) > 1 else None
            value = literal_value(pattern) if pattern is not None else None
            if value is not None and value.startswith(("%", "_")):
                yield violation_at(
                    f"LIKE {pattern.text if pattern else ''} starts with a wildcard: no index "
                    "can help",
                    like.span,
                )
                return
