from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import CreateTable
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.columns import reads_clock
from dbops.rules.facts.pointing import violation_at

# At most this many columns may default to the current time, and this many follow it on update.
_MOST_DEFAULTS = 2
_MOST_UPDATES = 1


class ColumnCurrentTimeCountLimit(Rule):
    """
    ## What it does
    Reports MySQL tables with more than two columns that default to the current time, or more
    than one column `ON UPDATE CURRENT_TIMESTAMP`.

    ## Why is this bad?
    A table needs one creation time and one update time. More clock columns are copies that
    drift apart in meaning (and before MySQL 5.6.5 a table could have only one).

    ## Example
    ```sql
    CREATE TABLE orders (
      id bigint PRIMARY KEY,
      created_at datetime DEFAULT NOW(),
      updated_at datetime DEFAULT NOW() ON UPDATE NOW(),
      touched_at datetime DEFAULT NOW() ON UPDATE NOW()
    );
    ```

    ## Use instead
    ```sql
    CREATE TABLE orders (
      id bigint PRIMARY KEY,
      created_at datetime DEFAULT NOW(),
      updated_at datetime DEFAULT NOW() ON UPDATE NOW()
    );
    ```
    """

    name = "column-current-time-count-limit"
    bytebase_type = "column.current-time-count-limit"
    default_level = None
    dialects = frozenset({"mysql"})
    category = "column"
    reads_model = True
    statement_kinds = (CreateTable,)
    bad_example = (
        "CREATE TABLE orders (\n  id bigint PRIMARY KEY,\n  created_at datetime DEFAULT NOW(),\n"
        "  updated_at datetime DEFAULT NOW() ON UPDATE NOW(),\n"
        "  touched_at datetime DEFAULT NOW() ON UPDATE NOW()\n);"
    )
    good_example = (
        "CREATE TABLE orders (\n  id bigint PRIMARY KEY,\n  created_at datetime DEFAULT NOW(),\n"
        "  updated_at datetime DEFAULT NOW() ON UPDATE NOW()\n);"
    )

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        if not isinstance(statement, CreateTable):
            return
        defaults = [c for c in statement.columns if reads_clock(c.default)]
        updates = [c for c in statement.columns if reads_clock(c.on_update)]
        # The finding points at the first column past the limit: the one to drop.
        if len(defaults) > _MOST_DEFAULTS:
            yield violation_at(
                f"{len(defaults)} columns default to the current time (at most "
                f"{_MOST_DEFAULTS}): {defaults[_MOST_DEFAULTS].name.written} is one too many",
                defaults[_MOST_DEFAULTS].span,
            )
        if len(updates) > _MOST_UPDATES:
            yield violation_at(
                f"{len(updates)} columns are ON UPDATE the current time (at most "
                f"{_MOST_UPDATES}): {updates[_MOST_UPDATES].name.written} is one too many",
                updates[_MOST_UPDATES].span,
            )
