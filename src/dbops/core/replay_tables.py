"""Tables in the schema replay: CREATE TABLE (LIKE, INHERITS, PARTITION OF), CREATE TABLE … AS,
columns and renames."""

from __future__ import annotations

from dataclasses import replace

from dbops.core.replay_constraints import (
    add_constraint,
    add_inline_index,
    clone_parent_keys,
    partitions_of,
    store,
)
from dbops.core.replay_keys import (
    column_of,
    create_key,
    generated_name,
    short,
    type_display,
)
from dbops.core.schema import (
    CHECK,
    FOREIGN,
    PRIMARY,
    UNTYPED,
    Column,
    SchemaModel,
    Table,
    View,
)
from dbops.core.statements import (
    ColumnDef,
    ConstraintKind,
    CreateTable,
    CreateTableAs,
    Expr,
    ExprKind,
    Name,
    Query,
    RenameTables,
    TypeName,
)


# -- tables ---------------------------------------------------------------------------------
def create_table(model: SchemaModel, node: CreateTable, origin: str | None) -> None:
    key = create_key(model, node.table)
    if key in model.tables or key in model.views:
        return  # IF NOT EXISTS does nothing; without it the engine refuses the statement
    table = new_table(model, key, node.table.name.written, origin)
    table.virtual_module = node.virtual_module
    table.partitioned = bool(node.partition_by)
    table.charset = node.option("CHARSET") or node.option("CHARACTER SET")
    table.collation = node.option("COLLATE")
    if node.like is not None:
        _copy_like(model, table, model.key_of(node.like), node.like_including)
    for parent_name in (*node.inherits, *([node.partition_of] if node.partition_of else [])):
        parent = model.tables.get(model.key_of(parent_name))
        for column in parent.columns.values() if parent else ():
            table.columns.setdefault(column.name, replace(column, comment=None))
    for definition in node.columns:
        add_column(model, table, definition)
    # the keys and indexes first: a foreign key needs an index, and MySQL makes one for it
    # only when none of the table's own leads with its columns
    foreign = [c for c in node.constraints if c.kind is ConstraintKind.FOREIGN_KEY]
    for constraint in node.constraints:
        if constraint.kind is not ConstraintKind.FOREIGN_KEY:
            add_constraint(model, key, constraint)
    for index in node.indexes:
        add_inline_index(model, key, index)
    for constraint in foreign:
        add_constraint(model, key, constraint)
    if node.partition_of is not None:
        table.partition_of = model.key_of(node.partition_of)
        clone_parent_keys(model, table.partition_of, key)


def new_table(model: SchemaModel, key: str, written: str, origin: str | None) -> Table:
    for index_key_ in list(model._by_table.get(key, ())):
        model._remove_index(index_key_)
    table = Table(name=key, created_in=origin, written=written)
    model._put_table(table)
    model._owned.add(key)
    return table


def add_column(
    model: SchemaModel, table: Table, definition: ColumnDef, position: str = ""
) -> Column:
    """Add (or, for a partition's or child's own definition, restate) a column and its inline
    keys."""
    column = column_of(definition, table.short_name, model.dialect)
    if model.dialect == "mysql" and column.charset is None and _is_character(column.type_name):
        column = replace(column, charset=table.charset, collation=column.collation)
    inherited = table.columns.get(column.name)
    if inherited is not None and definition.type is None:  # `PARTITION OF p (c NOT NULL …)`
        column = replace(
            inherited,
            nullable=inherited.nullable and not definition.not_null,
            default=column.default if column.default is not None else inherited.default,
        )
    table.columns[column.name] = column
    if position:
        move_column(table, column.name, position)
    for constraint in definition.constraints:
        add_constraint(model, table.name, constraint, column.name)
    return column


def move_column(table: Table, name: str, position: str) -> None:
    """MySQL `FIRST` / `AFTER other`."""
    column = table.columns.pop(name)
    words = position.split()
    if words and words[0].upper() == "FIRST":
        table.columns = {name: column, **table.columns}
        return
    after = words[-1].strip("`").lower() if len(words) > 1 else ""
    ordered: dict[str, Column] = {}
    for existing, value in table.columns.items():
        ordered[existing] = value
        if existing == after:
            ordered[name] = column
    ordered.setdefault(name, column)
    table.columns = ordered


def _is_character(type_name: TypeName) -> bool:
    return type_name.name in ("char", "varchar", "tinytext", "text", "mediumtext", "longtext") or (
        type_name.name in ("enum", "set")
    )


def _copy_like(
    model: SchemaModel, table: Table, source_key: str, including: tuple[str, ...]
) -> None:
    """PostgreSQL `(LIKE s INCLUDING …)` copies columns and NOT NULL, and what INCLUDING names
    (defaults, identity, generation, checks, indexes under the new table's names); MySQL
    `LIKE s` copies the whole table definition with its indexes (not its foreign keys)."""
    source = model.tables.get(source_key)
    if source is None:
        return
    for column in source.columns.values():
        copied = column
        if model.dialect == "postgres":
            identity = column.generated.startswith("identity")
            keep = "IDENTITY" if identity else "GENERATED" if column.generated else ""
            copied = replace(
                column,
                default=column.default if "DEFAULTS" in including else None,
                comment=column.comment if "COMMENTS" in including else None,
                generated=column.generated if keep in including else "",
            )
        table.columns[column.name] = copied
    if model.dialect == "mysql":
        table.charset, table.collation = source.charset, source.collation
        for index in model.table_indexes(source_key):
            if index.kind != FOREIGN:
                store(model, replace(index, table=table.name))
        return
    for index in model.table_indexes(source_key):
        if index.kind == CHECK and "CONSTRAINTS" in including:
            store(model, replace(index, table=table.name))
        elif index.kind not in (CHECK, FOREIGN) and "INDEXES" in including:
            labels = () if index.kind == PRIMARY else index.columns
            name = generated_name(model, table.name, index.kind, labels, index.constraint)
            store(model, replace(index, name=name, table=table.name, parent=""))


def create_table_as(model: SchemaModel, node: CreateTableAs, origin: str | None) -> None:
    key = create_key(model, node.table)
    if node.materialized:
        if key not in model.views:
            model.views[key] = new_view(model, key, node.query, materialized=True)
        return
    if key in model.tables or key in model.views:
        return
    table = new_table(model, key, node.table.name.written, origin)
    sources = dict(node.column_sources)
    definitions = list(node.columns) or _star_columns(model, node.column_sources, sources)
    definitions = definitions or _query_columns(model, node.query)
    selected = node.query.selected
    positional = not node.query.select_star and len(selected) == len(definitions)
    for position, definition in enumerate(definitions):
        column = column_of(definition, table.short_name, model.dialect)
        copied = _source_column(model, sources.get(definition.name.value, ""))
        if definition.type is None and copied is None and positional:
            column = _aggregate_column(model, column, selected[position], node.query)
        if definition.type is None and copied is not None:
            column = replace(copied, name=column.name, written=column.written, comment=None)
            if model.dialect != "mysql":  # MySQL copies NOT NULL and DEFAULT, the others don't
                column = replace(column, nullable=True, default=None, generated="")
            elif copied.auto_increment:  # MySQL: an AUTO_INCREMENT column copied is DEFAULT 0
                column = replace(column, auto_increment=False, default="0")
        column = replace(column, nullable=column.nullable or model.dialect == "postgres")
        if model.dialect == "sqlite":
            column = replace(column, type=_sqlite_affinity_name(column), nullable=True)
        table.columns[column.name] = column


def _aggregate_column(model: SchemaModel, column: Column, expr: Expr, query: Query) -> Column:
    """`count(*)` is a bigint (MySQL: `bigint(21)` NOT NULL); `max(c)`/`min(c)` have the type of
    the column they read. SQLite declares neither (no affinity)."""
    inner = expr.stripped()
    if inner.kind is not ExprKind.FUNCTION or model.dialect == "sqlite":
        return column
    if inner.name == "count":
        parameters = ("21",) if model.dialect == "mysql" else ()
        type_name = TypeName("bigint", "bigint", parameters=parameters)
        return replace(
            column,
            type_name=type_name,
            type=type_display(type_name, model.dialect),
            nullable=model.dialect != "mysql",
        )
    argument = inner.arguments[0] if len(inner.arguments) == 1 else None
    if inner.name in ("max", "min") and argument is not None and argument.kind is ExprKind.COLUMN:
        source = _column_in_query(model, argument, query)
        if source is not None:
            return replace(column, type_name=source.type_name, type=source.type, nullable=True)
    return column


def _column_in_query(model: SchemaModel, reference: Expr, query: Query) -> Column | None:
    """The column `t.c` or `c` of a query's FROM names, when its table is known."""
    candidates = [
        source
        for source in query.sources
        if source.table is not None
        and (
            not reference.qualifier
            or reference.qualifier in (source.alias, source.table.name.value)
        )
    ]
    for source in candidates:
        assert source.table is not None
        table = model.lookup(source.table)
        if table is not None and reference.name.lower() in table.columns:
            return table.columns[reference.name.lower()]
    return None


def _star_columns(
    model: SchemaModel, column_sources: tuple[tuple[str, str], ...], sources: dict[str, str]
) -> list[ColumnDef]:
    """`SELECT *` / `SELECT t.*` (`("*", "t.*")` sources): every column of the table, in its
    order, each copied from it."""
    definitions: list[ColumnDef] = []
    for result, source in column_sources:
        if result != "*" or not source.endswith(".*"):
            continue
        table_name = source.removesuffix(".*")
        table = _source_table(model, table_name)
        for column in table.columns.values() if table is not None else ():
            definitions.append(ColumnDef(Name(column.name, column.written or column.name), None))
            sources.setdefault(column.name, f"{table_name}.{column.name}")
    return definitions


def _query_columns(model: SchemaModel, query: Query) -> list[ColumnDef]:
    """The columns of `SELECT * FROM known_table` when the normalizer could not list them."""
    if not query.select_star or len(query.sources) != 1 or query.sources[0].table is None:
        return []
    source = model.lookup(query.sources[0].table)
    columns = source.columns.values() if source is not None else ()
    return [ColumnDef(Name(c.name, c.written or c.name), None) for c in columns]


def _source_column(model: SchemaModel, source: str) -> Column | None:
    """The column a CTAS column was copied from (`table.column`, the table maybe qualified)."""
    if "." not in source:
        return None
    table_name, column_name = source.rsplit(".", 1)
    table = _source_table(model, table_name)
    return table.columns.get(column_name) if table is not None else None


def _source_table(model: SchemaModel, table_name: str) -> Table | None:
    key = table_name if table_name in model.tables else model.qualify(table_name)
    table = model.tables.get(key)
    if table is None:
        found = model.tables_named(short(table_name))
        table = found[0] if len(found) == 1 else None
    return table


def _sqlite_affinity_name(column: Column) -> str:
    """SQLite's CREATE TABLE … AS declares each column by its expression's affinity."""
    declared = column.type_name.written.upper() if column.type_name is not UNTYPED else ""
    if not declared:
        return ""
    if "INT" in declared:
        return "int"
    if any(word in declared for word in ("CHAR", "CLOB", "TEXT")):
        return "text"
    if "BLOB" in declared:
        return ""
    if any(word in declared for word in ("REAL", "FLOA", "DOUB")):
        return "real"
    return "num"


def new_view(model: SchemaModel, key: str, query: Query | None, materialized: bool) -> View:
    """A view with what it reads: the tables and views of its query, and the column names it
    names (`*` when it selects every column of something)."""
    if query is None:
        return View(key, frozenset(), materialized)
    queries = list(query.walk())
    sources = frozenset(
        model.key_of(source.table)
        for nested in queries
        for source in nested.sources
        if source.table is not None
    )
    columns = {
        column.name.lower()
        for nested in queries
        for expr in nested.expressions()
        for column in expr.columns()
    }
    if any(nested.select_star for nested in queries):
        columns.add("*")
    return View(key, sources, materialized, frozenset(columns))


def rename_tables(model: SchemaModel, node: RenameTables, origin: str | None) -> None:
    for old, new in node.renames:
        old_key = model.key_of(old)
        if old_key in model.tables:
            rename_table(model, old_key, create_key(model, new), new.name.written)


def rename_table(model: SchemaModel, old_key: str, new_key: str, written: str) -> None:
    """A table under a new name keeps its columns, keys and indexes (filed anew where their
    key holds the table's name); foreign keys, views and partitions that name it follow."""
    if new_key in model.tables:
        return
    table = model._remove_table(old_key)
    assert table is not None
    table = replace(table, name=new_key, written=written, columns=dict(table.columns))
    model._put_table(table)
    model._owned.add(new_key)
    for key in list(model._by_table.get(old_key, ())):
        index = model._remove_index(key)
        if index is not None:
            store(
                model,
                replace(index, table=new_key, name=_renamed_auto(index.name, old_key, new_key)),
            )
    for key in list(model._referencing.get(old_key, ())):
        model._store_index(key, replace(model.indexes[key], references=new_key))
    for key, view in list(model.views.items()):
        if old_key in view.sources:
            model.views[key] = replace(view, sources=(view.sources - {old_key}) | {new_key})
    for partition in partitions_of(model, old_key):
        model._writable(partition).partition_of = new_key


def _renamed_auto(name: str, old_key: str, new_key: str) -> str:
    """SQLite renames the indexes it made for a table's keys with the table."""
    prefix = f"sqlite_autoindex_{short(old_key)}_"
    if name.startswith(prefix):
        return f"sqlite_autoindex_{short(new_key)}_{name.removeprefix(prefix)}"
    return name
