from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.core.findings import Level
from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.shapes import alter_table, column_definitions, data_type, line_of


class PreferTimestamptz(Rule):
    """
    ## What it does
    Reports columns of type `timestamp` (without time zone) (PostgreSQL).

    ## Why is this bad?
    `timestamp` stores a wall-clock time without saying which zone it is in; servers, sessions
    and applications in different zones read different instants from the same value.
    `timestamptz` stores the instant and converts on display.

    ## Example
    ```sql
    CREATE TABLE events (id bigint PRIMARY KEY, at timestamp NOT NULL);
    ```

    ## Use instead
    ```sql
    CREATE TABLE events (id bigint PRIMARY KEY, at timestamptz NOT NULL);
    ```
    """

    name = "prefer-timestamp-tz"
    default_level = Level.WARNING
    dialects = frozenset({"postgres"})
    category = "type"
    bad_example = "CREATE TABLE events (id bigint PRIMARY KEY, at timestamp NOT NULL);"
    good_example = "CREATE TABLE events (id bigint PRIMARY KEY, at timestamptz NOT NULL);"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        timestamp = exp.DataType.Type.TIMESTAMP
        for site in column_definitions(context.statement.tree):
            datatype = data_type(site.definition)
            if datatype is not None and datatype.this == timestamp:
                yield Violation(
                    f'column "{site.definition.name}" is timestamp without time zone; use '
                    f"timestamptz",
                    line=line_of(site.definition, context.statement),
                )
        altered = alter_table(context.statement.tree)
        for action in altered[1] if altered else []:
            dtype = action.args.get("dtype") if isinstance(action, exp.AlterColumn) else None
            if isinstance(dtype, exp.DataType) and dtype.this == timestamp:
                yield Violation(f'column "{action.name}" becomes timestamp without time zone')
