"""Statements MySQL and SQLite share, from sqlglot trees: DROP, TRUNCATE, CREATE INDEX/VIEW,
INSERT/UPDATE/DELETE/SELECT, SET, transaction control, USE."""

from __future__ import annotations

from dataclasses import replace

from sqlglot import exp

from dbops.core.statements import (
    Assignment,
    CreateIndex,
    CreateView,
    Delete,
    Drop,
    DropIndex,
    Insert,
    Name,
    ObjectName,
    Select,
    SetSetting,
    Statement,
    TransactionControl,
    Truncate,
    Update,
    UseDatabase,
)
from dbops.parsing.sqlglot_columns import index_elements
from dbops.parsing.sqlglot_expressions import (
    clause_expr,
    expr,
    joined_tables,
    optional_expr,
    order_by,
    query,
    table_of,
)
from dbops.parsing.sqlglot_names import name, object_name, routine_name
from dbops.parsing.sqlglot_tokens import Reader


def drop(reader: Reader, node: exp.Drop) -> Drop | DropIndex:
    kind = str(node.args.get("kind") or "").upper()
    names = tuple(object_name(reader, t) for t in node.args.get("tables") or node.expressions)
    text, span = reader.statement.text, reader.locator.whole()
    if kind == "INDEX":
        names = tuple(_index_name(reader, t) for t in node.args.get("tables") or [])
        on = node.args.get("cluster")
        table = object_name(reader, on.this) if isinstance(on, exp.OnProperty) else None
        return DropIndex(
            text=text,
            span=span,
            names=names,
            table=table,
            if_exists=bool(node.args.get("exists")),
        )
    if node.args.get("materialized"):
        kind = f"MATERIALIZED {kind}"
    names = tuple(routine_name(reader, n, kind) for n in names)
    return Drop(
        text=text,
        span=span,
        object_kind=kind or (reader.word(1) or "TABLE"),
        names=names,
        if_exists=bool(node.args.get("exists")),
        cascade=bool(node.args.get("cascade")),
        temporary=bool(node.args.get("temporary")),
    )


def _index_name(reader: Reader, node: exp.Expr) -> ObjectName:
    """An index name: compared without case in MySQL, unlike the table it may be qualified
    with."""
    qualified = object_name(reader, node)
    index = name(reader, node.this if isinstance(node, exp.Table) else node)
    return replace(qualified, name=index)


def truncate(reader: Reader, node: exp.TruncateTable) -> Truncate:
    return Truncate(
        text=reader.statement.text,
        span=reader.locator.whole(),
        tables=tuple(object_name(reader, t) for t in node.expressions),
    )


def create_index(reader: Reader, node: exp.Create) -> CreateIndex:
    index = node.this
    params = index.args.get("params") if isinstance(index, exp.Index) else None
    columns = list(params.args.get("columns") or []) if params is not None else []
    where = params.args.get("where") if params is not None else None
    using = params.args.get("using") if params is not None else None
    kind = str(node.args.get("kind") or "").upper()
    method = next((w for w in ("FULLTEXT", "SPATIAL") if w in reader.words(1, 3)), "")
    return CreateIndex(
        text=reader.statement.text,
        span=reader.locator.whole(),
        name=name(reader, index.this) if index.this is not None else None,
        table=object_name(reader, index.args.get("table")),
        elements=index_elements(reader, columns),
        unique=bool(node.args.get("unique")) or kind == "UNIQUE",
        if_not_exists=bool(node.args.get("exists")),
        method=method or (using.name.upper() if isinstance(using, exp.Expr) else ""),
        where=clause_expr(reader, where.this) if isinstance(where, exp.Where) else None,
    )


def create_view(reader: Reader, node: exp.Create) -> CreateView:
    target = node.this
    columns: tuple[Name, ...] = ()
    if isinstance(target, exp.Schema):
        columns = tuple(name(reader, c) for c in target.expressions)
    select = node.expression
    return CreateView(
        text=reader.statement.text,
        span=reader.locator.whole(),
        name=object_name(reader, target),
        query=query(reader, select) if isinstance(select, exp.Expr) else None,
        or_replace=bool(node.args.get("replace")),
        if_not_exists=bool(node.args.get("exists")),
        columns=columns,
    )


def alter_view(reader: Reader, node: exp.Alter) -> CreateView | None:
    """MySQL `ALTER VIEW v AS SELECT …`: the view's new definition, as CREATE OR REPLACE VIEW
    gives it."""
    select = next((a for a in node.args.get("actions") or [] if isinstance(a, exp.Query)), None)
    if select is None:
        return None
    target = node.this
    columns: tuple[Name, ...] = ()
    if isinstance(target, exp.Schema):
        columns = tuple(name(reader, c) for c in target.expressions)
    return CreateView(
        text=reader.statement.text,
        span=reader.locator.whole(),
        name=object_name(reader, target),
        query=query(reader, select),
        or_replace=True,
        columns=columns,
    )


def insert(reader: Reader, node: exp.Insert) -> Insert:
    target = node.this
    columns: tuple[Name, ...] = ()
    if isinstance(target, exp.Schema):
        columns = tuple(name(reader, c) for c in target.expressions)
    source = node.expression
    rows = len(source.expressions) if isinstance(source, exp.Values) else 0
    values = (
        tuple(
            tuple(expr(reader, item) for item in row.expressions)
            if isinstance(row, exp.Tuple)
            else (expr(reader, row),)
            for row in source.expressions
        )
        if isinstance(source, exp.Values)
        else ()
    )
    conflict = node.args.get("conflict")
    on_conflict, updates = "", tuple[Assignment, ...]()
    if isinstance(conflict, exp.OnConflict):
        duplicate = conflict.args.get("duplicate")
        on_conflict = "UPDATE" if duplicate or conflict.expressions else "NOTHING"
        updates = assignments(reader, list(conflict.expressions))
    alternative = str(node.args.get("alternative") or "").upper()
    words = reader.words(0, 3)
    return Insert(
        text=reader.statement.text,
        span=reader.locator.whole(),
        table=table_of(reader, target),
        columns=columns,
        rows=rows,
        query=query(reader, source) if isinstance(source, exp.Query) else None,
        replace=words[0] == "REPLACE" or alternative == "REPLACE",
        ignore=bool(node.args.get("ignore")) or alternative == "IGNORE",
        on_conflict=on_conflict,
        updates=updates,
        values=values,
    )


def assignments(reader: Reader, items: list[exp.Expr]) -> tuple[Assignment, ...]:
    found: list[Assignment] = []
    for item in items:
        if isinstance(item, exp.EQ):
            found.append(
                Assignment(
                    column=name(reader, item.this),
                    value=clause_expr(reader, item.expression) or expr(reader, item.expression),
                    span=reader.node_span(item),
                )
            )
    return tuple(found)


def update(reader: Reader, node: exp.Update) -> Update:
    target = node.this
    joined = tuple(
        object_name(reader, join.this)
        for join in (target.args.get("joins") or [] if isinstance(target, exp.Table) else [])
    )
    origin = node.args.get("from_")
    where = node.args.get("where")
    limit = node.args.get("limit")
    from_sources = (query(reader, origin),) if isinstance(origin, exp.Expr) else ()
    if joined:
        from_sources = (joined_tables(reader, target), *from_sources)
    return Update(
        text=reader.statement.text,
        span=reader.locator.whole(),
        table=table_of(reader, target),
        assignments=assignments(reader, list(node.expressions)),
        sources=from_sources,
        where=clause_expr(reader, where.this) if isinstance(where, exp.Where) else None,
        order_by=order_by(reader, node.args.get("order")),
        limit=optional_expr(reader, limit.args.get("expression")) if limit else None,
        joined=joined,
        alias=_alias(target),
    )


def delete(reader: Reader, node: exp.Delete) -> Delete:
    where = node.args.get("where")
    limit = node.args.get("limit")
    using = [joined_tables(reader, u) for u in node.args.get("using") or []]
    target = node.this
    if isinstance(target, exp.Table) and target.args.get("joins"):
        using.insert(0, joined_tables(reader, target))  # DELETE t1 FROM t1 JOIN t2 …
    deleted = node.args.get("tables")
    if deleted:  # DELETE t1, t2 FROM …: the tables rows are deleted from
        target = deleted[0]
    return Delete(
        text=reader.statement.text,
        span=reader.locator.whole(),
        table=table_of(reader, target),
        where=clause_expr(reader, where.this) if isinstance(where, exp.Where) else None,
        using=tuple(using),
        order_by=order_by(reader, node.args.get("order")),
        limit=optional_expr(reader, limit.args.get("expression")) if limit else None,
        alias=_alias(node.this),
    )


def _alias(target: exp.Expr | None) -> str:
    """`u` in `UPDATE users u …` / `DELETE u FROM users u …`."""
    return str(target.alias) if isinstance(target, exp.Table) else ""


def select(reader: Reader, node: exp.Expr) -> Select:
    return Select(
        text=reader.statement.text, span=reader.locator.whole(), query=query(reader, node)
    )


def transaction(reader: Reader, node: exp.Expr) -> TransactionControl:
    action = "BEGIN"
    if isinstance(node, exp.Commit):
        action = "COMMIT"
    elif isinstance(node, exp.Rollback):
        action = "ROLLBACK"
    if isinstance(node, exp.Rollback) and node.args.get("savepoint"):
        action = "ROLLBACK TO"
    return TransactionControl(
        text=reader.statement.text, span=reader.locator.whole(), action=action
    )


def use(reader: Reader, node: exp.Use) -> UseDatabase:
    return UseDatabase(
        text=reader.statement.text,
        span=reader.locator.whole(),
        database=name(reader, node.this, table=True),
    )


def set_setting(reader: Reader, node: exp.Set) -> Statement:
    """SET a = 1, @@session.b = 2, GLOBAL c = 3, @v = 4, NAMES x: the first as `name`/`value`,
    all of them in `assignments` (names lower case, `@@scope.` removed)."""
    found: list[tuple[str, str, str, bool]] = []  # name, value, scope, user variable
    parts: list[range | None] = list(reader.split(1, len(reader) - 1))
    if len(parts) != len(node.expressions):
        parts = [None] * len(node.expressions)
    for item, part in zip(node.expressions, parts, strict=True):
        found.append(_set_item(reader, item, part))
    first = found[0] if found else ("", "", "session", False)
    return SetSetting(
        text=reader.statement.text,
        span=reader.locator.whole(),
        name=first[0],
        value=first[1],
        scope=first[2],
        user_variable=first[3],
        assignments=tuple((n, v) for n, v, _, _ in found),
    )


def _set_item(reader: Reader, item: exp.Expr, part: range | None) -> tuple[str, str, str, bool]:
    kind = str(item.args.get("kind") or "").lower()
    inner = item.this if isinstance(item, exp.SetItem) else item
    if kind in ("names", "character set", "charset"):
        value = _unquoted(reader, inner) if isinstance(inner, exp.Expr) else ""
        return ("names" if kind == "names" else "character_set"), value, "session", False
    if kind == "transaction" or reader.find("ISOLATION", 1, len(reader) - 1) is not None:
        # SET [GLOBAL|SESSION] TRANSACTION ISOLATION LEVEL …: without a scope, the next one
        level = reader.find("LEVEL", 1, len(reader) - 1)
        value = reader.text(level + 1, len(reader) - 1) if level is not None else ""
        words = reader.words(1, 1)
        scope = words[0].lower() if words[0] in ("GLOBAL", "SESSION") else "transaction"
        return "transaction_isolation", value.upper(), scope, False
    if not isinstance(inner, exp.EQ):
        return reader.node_text(item).lower(), "", kind or "session", False
    target, value = inner.this, inner.expression
    scope = "session" if kind in ("", "local") else kind
    user_variable = False
    if isinstance(target, exp.SessionParameter):
        scope = str(target.args.get("kind") or "session").lower()
        setting = target.name.lower()
    elif isinstance(target, exp.Parameter):
        user_variable = True
        setting = target.name.lower()
    else:
        setting = reader.node_text(target).lower()
    return setting, _value_text(reader, value, part), scope, user_variable


def _value_text(reader: Reader, value: exp.Expr, part: range | None) -> str:
    """The value as written after `=` (`@@character_set_client`, `'x'` without quotes)."""
    if (isinstance(value, exp.Literal) and value.is_string) or part is None:
        return _unquoted(reader, value)
    equals = next((i for i in part if reader.tokens[i].text in ("=", ":=")), None)
    if equals is None or equals + 1 >= part.stop:
        return _unquoted(reader, value)
    return reader.text(equals + 1, part.stop - 1)


def _unquoted(reader: Reader, value: exp.Expr) -> str:
    if isinstance(value, exp.Literal) and value.is_string:
        return str(value.this)
    return reader.node_text(value)
