from __future__ import annotations

from collections.abc import Iterator
from typing import cast

from sqlglot import exp

from dbops.core.schema import SchemaModel, Table
from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.shapes import line_of

_QUERIES = (exp.Select, exp.Update, exp.Delete, exp.Merge, exp.Insert)
_CALCULATIONS = (exp.Add, exp.Sub, exp.Mul, exp.Div, exp.Mod, exp.Neg, exp.Pow, exp.BitwiseXor)
_TRANSPARENT = (exp.Paren, exp.Cast, exp.TryCast)
_DERIVED = "derived"  # a source that is a CTE or subquery: its columns have no index


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

    def check(self, context: RuleContext) -> Iterator[Violation]:
        tree = context.statement.tree
        if tree is None:
            return
        reported: set[tuple[str, str, int]] = set()
        for condition in _conditions(tree):
            query = _query_of(condition)
            for column in condition.find_all(exp.Column):
                if _query_of(column) is not query or query is None:
                    continue
                wrapper = _wrapper(column, condition)
                if wrapper is None or not _indexed(column, query, context.schema):
                    continue
                what = (
                    "a calculation is"
                    if isinstance(wrapper, _CALCULATIONS)
                    else f"function {_function_name(wrapper)} is"
                )
                key = (what, column.name, id(wrapper))
                if key not in {(w, c, i) for w, c, i in reported}:
                    reported.add(key)
                    yield Violation(
                        f'{what} applied to indexed column "{column.name}" in a filter, which '
                        f"prevents index use",
                        line=line_of(wrapper, context.statement),
                    )


def _conditions(tree: exp.Expression) -> Iterator[exp.Expression]:
    for node in tree.walk():
        if isinstance(node, exp.Where):
            yield node.this
        elif isinstance(node, exp.Join | exp.Merge) and node.args.get("on") is not None:
            yield node.args["on"]
        elif isinstance(node, exp.When) and isinstance(node.args.get("condition"), exp.Expression):
            yield node.args["condition"]


def _query_of(node: exp.Expression) -> exp.Expression | None:
    parent = node.parent
    while parent is not None and not isinstance(parent, _QUERIES):
        parent = parent.parent
    return parent


def _wrapper(column: exp.Column, root: exp.Expression) -> exp.Expression | None:
    """The function or calculation directly around a column (through parentheses and casts)."""
    node: exp.Expression = column
    while node is not root and node.parent is not None:
        parent = node.parent
        if isinstance(parent, _TRANSPARENT):
            node = parent
            continue
        if isinstance(parent, _CALCULATIONS):
            return parent
        if isinstance(parent, exp.Func) and not isinstance(
            parent, exp.Exists | exp.Predicate | exp.Connector | exp.AggFunc
        ):
            return cast(exp.Expression, parent)
        return None
    return None


def _indexed(column: exp.Column, query: exp.Expression, schema: SchemaModel) -> bool:
    name = schema.name_of(column.this)
    qualifier = schema.name_of(column.args.get("table")) if column.args.get("table") else None
    scope: exp.Expression | None = query
    while scope is not None:
        for alias, source in _sources(scope, schema):
            if qualifier is not None and alias != qualifier:
                continue
            if source == _DERIVED:
                if qualifier is not None or _derived_has(scope, alias, name):
                    return False
                continue
            assert isinstance(source, Table)
            if name in source.columns:
                return name in schema.indexed_columns(source.name)
            if qualifier is not None:
                return False
        scope = _query_of(scope)
    return False


def _sources(query: exp.Expression, schema: SchemaModel) -> Iterator[tuple[str, Table | str]]:
    parts = [query.args.get(key) for key in ("this", "from_", "using", "joins")]
    if isinstance(query, exp.Select):
        parts = [query.args.get("from_"), query.args.get("joins")]
    for part in parts:
        for item in part if isinstance(part, list) else [part]:
            if isinstance(item, exp.Expression):
                yield from _walk_sources(item, query, schema)


def _walk_sources(
    node: exp.Expression, query: exp.Expression, schema: SchemaModel
) -> Iterator[tuple[str, Table | str]]:
    if isinstance(node, exp.Subquery):
        yield schema.name_of(node.alias) if node.alias else "", _DERIVED
        return
    if isinstance(node, exp.Schema):
        node = node.this
    if isinstance(node, exp.Table):
        alias = schema.name_of(node.alias) if node.alias else schema.name_of(node.this)
        if not node.args.get("db") and _is_cte(node, schema):
            yield alias, _DERIVED
        else:
            table = schema.find_table(node)
            if table is not None:
                yield alias, table
        for join in node.args.get("joins") or []:
            yield from _walk_sources(join.this, query, schema)
        return
    if isinstance(node, exp.From | exp.Join):
        yield from _walk_sources(node.this, query, schema)


def _is_cte(table: exp.Table, schema: SchemaModel) -> bool:
    """Whether a table reference names a CTE visible at that point (not the real table)."""
    name = schema.name_of(table.this)
    child: exp.Expression = table
    parent = table.parent
    while parent is not None:
        with_ = parent.args.get("with_") if isinstance(parent, exp.Expression) else None
        if isinstance(with_, exp.With):
            ctes = list(with_.expressions)
            position = next((i for i, cte in enumerate(ctes) if child is cte), None)
            visible = ctes if position is None or with_.args.get("recursive") else ctes[:position]
            if any(schema.name_of(cte.alias) == name for cte in visible):
                return True
        if not isinstance(parent, exp.With):
            child = cast(exp.Expression, parent)
        parent = parent.parent
    return False


def _derived_has(query: exp.Expression, alias: str, name: str) -> bool:
    """Whether the derived source `alias` of a query outputs a column `name` (unknown: yes)."""
    for node in query.walk():
        if isinstance(node, exp.Subquery | exp.CTE) and node.alias and node.alias.lower() == alias:
            body = node.this
            if isinstance(body, exp.Select):
                if any(isinstance(e, exp.Star) for e in body.expressions):
                    return True
                return name in {e.alias_or_name.lower() for e in body.expressions}
            return True
    return True


def _function_name(node: exp.Expression) -> str:
    if isinstance(node, exp.Func) and not isinstance(node, exp.Anonymous):
        return str(node.sql_name())
    return node.name.upper()
