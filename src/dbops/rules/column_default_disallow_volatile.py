from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AddColumn, AlterTable, Expr, ExprKind
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.lock_safety import at, created_in_this_file

# Built-in functions PostgreSQL marks IMMUTABLE that defaults use: the same value for every row
# and every time, so existing rows get what new rows get.
_IMMUTABLE = frozenset(
    {
        *("lower", "upper", "abs", "round", "trunc", "floor", "ceil", "md5", "length"),
        *("coalesce", "nullif", "greatest", "least", "btrim", "ltrim", "rtrim", "lpad"),
        *("rpad", "left", "right", "substr", "substring", "replace", "make_date"),
        *("make_interval", "int4range", "int8range", "numrange", "daterange", "array"),
    }
)


def _computed(default: Expr) -> Expr | None:
    """The first call in `default` whose value depends on when or where it runs."""
    for node in default.walk():
        if node.kind is ExprKind.SUBQUERY:
            return node
        called = node.name.rsplit(".", 1)[-1].lower()
        if node.kind is ExprKind.FUNCTION and called not in _IMMUTABLE:
            return node
    return None


class ColumnDefaultDisallowVolatile(Rule):
    """
    ## What it does
    Reports `ALTER TABLE … ADD COLUMN` on an existing table whose DEFAULT calls a function that
    is not immutable: volatile ones (`clock_timestamp()`, `random()`, `gen_random_uuid()`) and
    stable ones (`now()`, `CURRENT_TIMESTAMP`) alike (PostgreSQL; Bytebase's
    `column.default-disallow-volatile`).

    ## Why is this bad?
    Every existing row gets the value computed when the migration runs: `now()` stamps all old
    rows with the deployment's time, which looks like data and is not; a volatile default also
    makes PostgreSQL rewrite the whole table under an ACCESS EXCLUSIVE lock (see
    `adding-field-with-default`, which reports only that lock hazard).

    ## Example
    ```sql
    ALTER TABLE orders ADD COLUMN seen_at timestamptz DEFAULT now();
    ```

    ## Use instead
    ```sql
    ALTER TABLE orders ADD COLUMN seen_at timestamptz;
    ALTER TABLE orders ALTER COLUMN seen_at SET DEFAULT now();
    ```
    (existing rows keep NULL: backfill them with what they really mean)
    """

    name = "column-default-disallow-volatile"
    bytebase_type = "column.default-disallow-volatile"
    default_level = None
    dialects = frozenset({"postgres"})
    category = "column"
    reads_model = True
    statement_kinds = (AlterTable,)
    example_history = "CREATE TABLE orders (id bigint PRIMARY KEY);"
    bad_example = "ALTER TABLE orders ADD COLUMN seen_at timestamptz DEFAULT now();"
    good_example = "ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'new';"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        assert isinstance(statement, AlterTable)
        if created_in_this_file(context, statement.table):
            return
        for action in statement.actions:
            if not isinstance(action, AddColumn) or action.column.default is None:
                continue
            call = _computed(action.column.default)
            if call is not None:
                yield at(
                    action.column.span,
                    f'column "{action.column.name.written}" of {statement.table.written} has '
                    f"the non-constant DEFAULT {call.text or call.name}: every existing row "
                    f"gets the value computed when the migration runs",
                )
