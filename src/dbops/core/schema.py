"""The schema model: schemas, tables, columns, keys and indexes replayed from earlier migrations.

Rules ask it whether a table existed before the statement they review ("adding a NOT NULL column
to an existing table"), what a column was (type, nullability, default), and which indexes and
constraints a table has. It is built by `apply`ing every statement of every earlier migration in
version order, offline; statements it does not model leave it unchanged. `conflicts` tells what a
statement assumes that the model contradicts ("table already exists", "column does not exist").

Names follow the dialect's identifier rules: PostgreSQL folds unquoted names to lower case and
keeps quoted names as written (case-sensitive); MySQL and SQLite compare names case-insensitively.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache

from sqlglot import exp

from dbops.core.sql import ParsedStatement, get_dialect
from dbops.core.statements import ObjectName, TypeName

PRIMARY, UNIQUE, INDEX, FOREIGN, CHECK = "primary key", "unique", "index", "foreign key", "check"


@dataclass
class Column:
    name: str
    type: str
    nullable: bool = True
    default: str | None = None
    comment: str | None = None
    type_name: TypeName | None = None  # the type as the statement model read it, when known


@dataclass
class Index:
    """An index or a constraint (a primary or unique key is also an index in PostgreSQL)."""

    name: str  # "" when the database names it
    table: str  # table key
    columns: tuple[str, ...]
    kind: str = INDEX  # PRIMARY, UNIQUE, INDEX, FOREIGN or CHECK
    references: str | None = None  # referenced table key, for foreign keys
    referenced_columns: tuple[str, ...] = ()
    valid: bool = True  # False for a constraint added NOT VALID and not validated since
    proves_not_null: str | None = None  # CHECK (column IS NOT NULL): that column

    @property
    def unique(self) -> bool:
        return self.kind in (PRIMARY, UNIQUE)


@dataclass
class Table:
    name: str  # qualified and normalized: "public.users" for PostgreSQL, "users" elsewhere
    columns: dict[str, Column] = field(default_factory=dict)
    created_in: str | None = None  # migration path that created it
    comment: str | None = None

    @property
    def short_name(self) -> str:
        return self.name.rsplit(".", 1)[-1]


@dataclass
class SchemaModel:
    dialect: str = "postgres"
    tables: dict[str, Table] = field(default_factory=dict)
    indexes: dict[str, Index] = field(default_factory=dict)  # by "schema.name" (PG) or name
    schemas: set[str] = field(default_factory=set)
    # The keys of `indexes` by table key, in the order the index joined the table: rules and the
    # replay ask for one table's indexes for almost every statement, and scanning all of them
    # made a review quadratic. Change `indexes` only through `_store_index`/`_remove_index`.
    _by_table: dict[str, dict[str, None]] = field(default_factory=dict, repr=False)
    # The keys of `tables` by unqualified name (change `tables` only through `_put_table` and
    # `_remove_table`), for rules that find a table by the name a statement's tokens give.
    _by_short_name: dict[str, dict[str, None]] = field(default_factory=dict, repr=False)

    def copy(self) -> SchemaModel:
        return copy.deepcopy(self)

    # -- names ------------------------------------------------------------------------------
    def name_of(self, node: exp.Expression | str | None) -> str:
        """A normalized identifier: folded unless quoted (PostgreSQL), folded always elsewhere."""
        if node is None:
            return ""
        if isinstance(node, str):
            return node.lower()
        identifier = node if isinstance(node, exp.Identifier) else node.find(exp.Identifier)
        if identifier is None:
            return node.name.lower()
        quoted = bool(identifier.args.get("quoted"))
        if self.dialect == "postgres" and quoted:
            return str(identifier.this)
        return str(identifier.this).lower()

    def default_schema(self) -> str:
        return "public" if self.dialect == "postgres" else ""

    def table_key(self, table: exp.Table) -> str:
        """Normalized qualified name of a table reference."""
        name = self.name_of(table.this)
        schema = self.name_of(table.args.get("db")) or self.default_schema()
        return f"{schema}.{name}" if schema else name

    def qualify(self, name: str, schema: str | None = None) -> str:
        schema = schema or self.default_schema()
        return f"{schema}.{name}" if schema else name

    def find_table(self, table: exp.Table) -> Table | None:
        return self.tables.get(self.table_key(table))

    # -- lookups by the typed statement model's names ---------------------------------------
    def key_of(self, name: ObjectName) -> str:
        """The key a table (or index, sequence, view) named by a typed statement is filed
        under: `public.users` on PostgreSQL, `users` (or `shop.users`) elsewhere."""
        return name.key(self.default_schema())

    def lookup(self, name: ObjectName) -> Table | None:
        """The table a typed statement names, if the replayed history has it."""
        return self.tables.get(self.key_of(name))

    def index_named(self, name: ObjectName) -> Index | None:
        return self.indexes.get(self.key_of(name))

    def tables_named(self, short_name: str) -> list[Table]:
        """The tables called `short_name` (normalized, unqualified) in any schema."""
        return [self.tables[key] for key in self._by_short_name.get(short_name, ())]

    def table_slice(self, table_key: str) -> SchemaModel:
        """A copy holding only this table and its indexes: enough to replay an ALTER TABLE of
        it and ask what keys it has afterwards, without copying the whole model."""
        piece = SchemaModel(dialect=self.dialect, schemas=set(self.schemas))
        table = self.tables.get(table_key)
        if table is not None:  # the fields of columns and indexes are immutable values
            columns = {
                name: Column(c.name, c.type, c.nullable, c.default, c.comment)
                for name, c in table.columns.items()
            }
            piece._put_table(Table(table.name, columns, table.created_in, table.comment))
        for key in self._by_table.get(table_key, ()):
            piece._store_index(key, copy.copy(self.indexes[key]))
        return piece

    def table_indexes(self, table_key: str) -> list[Index]:
        return [self.indexes[key] for key in self._by_table.get(table_key, ())]

    def primary_key(self, table_key: str) -> Index | None:
        return next((i for i in self.table_indexes(table_key) if i.kind == PRIMARY), None)

    def find_index(self, name: str, schema: str | None = None) -> Index | None:
        return self.indexes.get(self.qualify(name, schema))

    def proves_not_null(self, table_key: str, column: str) -> bool:
        """Whether a valid CHECK (column IS NOT NULL) of the table proves the column has no
        NULL (PostgreSQL 12+ then sets NOT NULL without scanning the table)."""
        return any(
            index.kind == CHECK and index.valid and index.proves_not_null == column
            for index in self.table_indexes(table_key)
        )

    def indexed_columns(self, table_key: str) -> set[str]:
        """Columns that are part of some index or key of the table."""
        return {
            column
            for index in self.table_indexes(table_key)
            if index.kind not in (FOREIGN, CHECK)
            for column in index.columns
        }

    # -- replay -----------------------------------------------------------------------------
    def apply(self, statement: ParsedStatement, origin: str | None = None) -> None:
        tree = statement.tree
        if tree is None:
            return
        if statement.opaque:
            self._apply_tokens(statement)
        elif isinstance(tree, exp.Create):
            self._apply_create(tree, origin)
        elif isinstance(tree, exp.Alter):
            kind = (tree.args.get("kind") or "").upper()
            if kind == "TABLE":
                self._apply_alter(tree)
            elif kind == "INDEX":
                self._apply_alter_index(tree)
        elif isinstance(tree, exp.Drop):
            self._apply_drop(tree)
        elif isinstance(tree, exp.Comment):
            self._apply_comment(tree)

    def _add_index(self, index: Index) -> None:
        schema = index.table.rsplit(".", 1)[0] if "." in index.table else None
        name = index.name or _generated_name(index, self)
        index.name = name
        self._store_index(self.qualify(name, schema), index)

    def _put_table(self, table: Table) -> None:
        self.tables[table.name] = table
        self._by_short_name.setdefault(table.short_name, {})[table.name] = None

    def _remove_table(self, key: str) -> None:
        table = self.tables.pop(key, None)
        if table is not None:
            keys = self._by_short_name.get(table.short_name, {})
            keys.pop(key, None)
            if not keys:
                self._by_short_name.pop(table.short_name, None)

    def _store_index(self, key: str, index: Index) -> None:
        replaced = self.indexes.get(key)
        if replaced is not None and replaced.table != index.table:
            self._by_table.get(replaced.table, {}).pop(key, None)
        self.indexes[key] = index
        self._by_table.setdefault(index.table, {})[key] = None

    def _remove_index(self, key: str) -> Index | None:
        index = self.indexes.pop(key, None)
        if index is not None:
            keys = self._by_table.get(index.table, {})
            keys.pop(key, None)
            if not keys:
                self._by_table.pop(index.table, None)
        return index

    def _remove_table_indexes(self, table_key: str, keep: Callable[[Index], bool]) -> None:
        for key in list(self._by_table.get(table_key, ())):
            if not keep(self.indexes[key]):
                self._remove_index(key)

    def _apply_create(self, tree: exp.Create, origin: str | None) -> None:
        kind = (tree.args.get("kind") or "").upper()
        target = tree.this
        if kind == "TABLE":
            table_ref = target.this if isinstance(target, exp.Schema) else target
            if not isinstance(table_ref, exp.Table):
                return
            key = self.table_key(table_ref)
            if key in self.tables and tree.args.get("exists"):
                return  # CREATE TABLE IF NOT EXISTS of a table that exists: nothing happens
            self._remove_table_indexes(key, keep=lambda index: False)
            table = Table(name=key, created_in=origin)
            self._put_table(table)
            if isinstance(target, exp.Schema):
                for definition in target.expressions:
                    self._add_definition(table, definition)
        elif kind == "INDEX" and isinstance(target, exp.Index):
            table_ref = target.args.get("table")
            if isinstance(table_ref, exp.Table):
                self._add_index(
                    Index(
                        name=self.name_of(target.this) if target.this else "",
                        table=self.table_key(table_ref),
                        columns=index_columns(target, self),
                        kind=UNIQUE if tree.args.get("unique") else INDEX,
                    )
                )
        elif kind == "SCHEMA" and isinstance(target, exp.Table):
            self.schemas.add(self.name_of(target.args.get("db") or target.this))

    def _add_definition(self, table: Table, definition: exp.Expression) -> None:
        if isinstance(definition, exp.ColumnDef):
            column = column_from_definition(definition, self.dialect)
            column.name = self.name_of(definition.this)
            table.columns[column.name] = column
            for index in column_constraints(definition, table.name, self):
                self._add_index(index)
                if index.kind == PRIMARY:
                    column.nullable = False
        else:
            for index in table_constraints(definition, table.name, self):
                self._add_index(index)
                if index.kind == PRIMARY:
                    for name in index.columns:
                        if name in table.columns:
                            table.columns[name].nullable = False

    def _apply_alter(self, tree: exp.Alter) -> None:
        table_ref = tree.this
        if not isinstance(table_ref, exp.Table):
            return
        table = self.find_table(table_ref)
        if table is None:
            return
        for action in tree.args.get("actions") or []:
            if isinstance(action, exp.AlterRename) and isinstance(action.this, exp.Table):
                self._rename_table(table, action.this, table_ref)
            elif isinstance(action, exp.ColumnDef):
                self._add_definition(table, action)
            elif isinstance(action, exp.AddConstraint):
                for definition in action.expressions:
                    self._add_definition(table, definition)
            elif isinstance(action, exp.Drop):
                self._drop_in_table(table, action)
            elif isinstance(action, exp.RenameColumn):
                self._rename_column(table, action)
            elif isinstance(action, exp.AlterColumn):
                self._alter_column(table, action)
            elif isinstance(action, exp.ModifyColumn):
                self._modify_column(table, action)

    def _rename_table(self, table: Table, new_ref: exp.Table, old_ref: exp.Table) -> None:
        if not new_ref.args.get("db") and old_ref.args.get("db"):
            new_ref = exp.Table(this=new_ref.this, db=old_ref.args["db"])
        old_key = table.name
        self._remove_table(old_key)
        table.name = self.table_key(new_ref)
        self._put_table(table)
        moved = self._by_table.pop(old_key, {})
        for key in moved:
            self.indexes[key].table = table.name
        self._by_table[table.name] = {**self._by_table.get(table.name, {}), **moved}
        for index in self.indexes.values():
            if index.references == old_key:
                index.references = table.name

    def _drop_in_table(self, table: Table, action: exp.Drop) -> None:
        kind = (action.args.get("kind") or "").upper()
        name = self.name_of(drop_target(action))
        if kind in ("COLUMN", ""):
            table.columns.pop(name, None)
            self._remove_table_indexes(table.name, keep=lambda index: name not in index.columns)
        elif kind in ("CONSTRAINT", "INDEX", "KEY"):
            self._remove_table_indexes(table.name, keep=lambda index: index.name != name)
        elif kind == "PRIMARY KEY" or action.args.get("kind") == "PRIMARY KEY":
            self._remove_table_indexes(table.name, keep=lambda index: index.kind != PRIMARY)

    def _rename_column(self, table: Table, action: exp.RenameColumn) -> None:
        old, new = self.name_of(action.this), self.name_of(action.args.get("to"))
        column = table.columns.pop(old, None)
        if column is None:
            return
        column.name = new
        table.columns[new] = column
        for index in self.table_indexes(table.name):
            index.columns = tuple(new if part == old else part for part in index.columns)

    def _alter_column(self, table: Table, action: exp.AlterColumn) -> None:
        column = table.columns.get(self.name_of(action.this))
        if column is None:
            return
        if action.args.get("dtype") is not None:
            column.type = to_sql(action.args["dtype"], self.dialect)
        if action.args.get("allow_null") is not None:
            column.nullable = bool(action.args["allow_null"])
        if action.args.get("default") is not None:
            column.default = to_sql(action.args["default"], self.dialect)
        elif action.args.get("drop") and action.args.get("allow_null") is None:
            column.default = None

    def _modify_column(self, table: Table, action: exp.ModifyColumn) -> None:
        """MySQL `MODIFY a …` / `CHANGE a b …`: the column is restated whole, maybe renamed."""
        definition = action.this
        if not isinstance(definition, exp.ColumnDef):
            return
        old = self.name_of(action.args.get("rename_from") or definition.this)
        if old not in table.columns:
            return
        column = column_from_definition(definition, self.dialect)
        column.name = self.name_of(definition.this)
        columns = list(table.columns.items())
        table.columns = {
            (column.name if name == old else name): (column if name == old else value)
            for name, value in columns
        }
        if column.name != old:
            for index in self.table_indexes(table.name):
                index.columns = tuple(column.name if c == old else c for c in index.columns)

    def _apply_alter_index(self, tree: exp.Alter) -> None:
        ref = tree.this
        for action in tree.args.get("actions") or []:
            if isinstance(ref, exp.Table) and isinstance(action, exp.AlterRename):
                schema = self.name_of(ref.args.get("db")) or None
                old = self.qualify(self.name_of(ref.this), schema)
                index = self._remove_index(old)
                if index is not None:
                    index.name = self.name_of(action.this.this)
                    self._store_index(self.qualify(index.name, schema), index)

    def _apply_drop(self, tree: exp.Drop) -> None:
        kind = (tree.args.get("kind") or "").upper()
        targets = [tree.this, *(tree.expressions or []), *(tree.args.get("tables") or [])]
        for target in targets:
            if kind == "TABLE" and isinstance(target, exp.Table):
                key = self.table_key(target)
                self._remove_table(key)
                self._remove_table_indexes(key, keep=lambda index: False)
            elif kind == "INDEX" and isinstance(target, exp.Table):
                schema = self.name_of(target.args.get("db")) or None
                self._remove_index(self.qualify(self.name_of(target.this), schema))
            elif kind in ("SCHEMA", "DATABASE") and isinstance(target, exp.Table):
                name = self.name_of(target.args.get("db") or target.this)
                self.schemas.discard(name)
                for key in [k for k in self.tables if k.startswith(f"{name}.")]:
                    self._remove_table(key)

    def _apply_comment(self, tree: exp.Comment) -> None:
        kind = (tree.args.get("kind") or "").upper()
        text = _comment_text(tree.expression)
        target = tree.this
        if kind == "TABLE" and isinstance(target, exp.Table):
            table = self.find_table(target)
            if table is not None:
                table.comment = text
        elif kind == "COLUMN" and isinstance(target, exp.Column):
            table_ref = exp.Table(this=target.args.get("table"), db=target.args.get("db"))
            table = self.find_table(table_ref)
            column = table.columns.get(self.name_of(target.this)) if table else None
            if column is not None:
                column.comment = text

    def _apply_tokens(self, statement: ParsedStatement) -> None:
        """The few opaque statements that change what rules ask about (PostgreSQL)."""
        words = statement.keywords
        texts = [token.text for token in statement.tokens]
        if words[:2] == ("ALTER", "TABLE") and "RENAME" in words and "CONSTRAINT" in words:
            position = words.index("CONSTRAINT")
            if position + 3 < len(words) and words[position + 2] == "TO":
                old, new = texts[position + 1].lower(), texts[position + 3].lower()
                for key, index in list(self.indexes.items()):
                    if index.name == old:
                        self._remove_index(key)
                        index.name = new
                        self._add_index(index)


def drop_target(action: exp.Drop) -> exp.Expression | None:
    """What an `ALTER TABLE … DROP COLUMN|CONSTRAINT x` action drops (sqlglot keeps it in
    `tables`)."""
    target = action.this
    if isinstance(target, exp.Expression):
        return target
    tables = action.args.get("tables") or []
    first = tables[0] if tables else None
    return first if isinstance(first, exp.Expression) else None


def index_columns(index: exp.Index, model: SchemaModel) -> tuple[str, ...]:
    params = index.args.get("params")
    columns: list[str] = []
    for part in params.args.get("columns") or [] if params else []:
        node = part.this if isinstance(part, exp.Ordered) else part
        if isinstance(node, exp.Column):
            columns.append(model.name_of(node.this))
        else:
            inner = node.find(exp.Column)
            columns.append(model.name_of(inner.this) if inner else node.sql())
    return tuple(columns)


def column_constraints(
    definition: exp.ColumnDef, table_key: str, model: SchemaModel
) -> Iterator[Index]:
    """Keys declared on a column: `id int PRIMARY KEY`, `u int UNIQUE`, `a int REFERENCES t`."""
    column = model.name_of(definition.this)
    for constraint in definition.constraints:
        name = model.name_of(constraint.this) if constraint.this else ""
        kind = constraint.kind
        if isinstance(kind, exp.PrimaryKeyColumnConstraint):
            yield Index(name, table_key, (column,), PRIMARY)
        elif isinstance(kind, exp.UniqueColumnConstraint):
            yield Index(name, table_key, (column,), UNIQUE)
        elif isinstance(kind, exp.Reference):
            target, columns = _reference(kind, model)
            yield Index(name, table_key, (column,), FOREIGN, target, columns)
        elif isinstance(kind, exp.CheckColumnConstraint):
            yield Index(name, table_key, (column,), CHECK)


def table_constraints(
    definition: exp.Expression, table_key: str, model: SchemaModel
) -> Iterator[Index]:
    """Keys declared at table level, named (`CONSTRAINT pk PRIMARY KEY (a)`) or not."""
    name = ""
    parts: list[exp.Expression] = [definition]
    if isinstance(definition, exp.Constraint):
        name = model.name_of(definition.this)
        parts = list(definition.expressions)
    for part in parts:
        if isinstance(part, exp.PrimaryKey):
            yield Index(name, table_key, _names(part.expressions, model), PRIMARY)
        elif isinstance(part, exp.UniqueColumnConstraint):
            schema = part.this
            columns = _names(schema.expressions if isinstance(schema, exp.Schema) else [], model)
            own = schema.this if isinstance(schema, exp.Schema) else None  # MySQL `UNIQUE KEY uk`
            own_name = model.name_of(own) if isinstance(own, exp.Identifier) else name
            yield Index(own_name or name, table_key, columns, UNIQUE)
        elif isinstance(part, exp.ForeignKey):
            reference = part.args.get("reference")
            target, referenced = _reference(reference, model) if reference else (None, ())
            columns = _names(part.expressions, model)
            yield Index(name, table_key, columns, FOREIGN, target, referenced)
        elif isinstance(part, exp.CheckColumnConstraint):
            columns = tuple(dict.fromkeys(model.name_of(c.this) for c in part.find_all(exp.Column)))
            yield Index(name, table_key, columns, CHECK)
        elif isinstance(part, exp.IndexColumnConstraint):  # MySQL `KEY i (a)`, `INDEX (a)`
            own_name = model.name_of(part.this) if part.this else name
            yield Index(own_name, table_key, _names(part.expressions, model), INDEX)


def _reference(reference: exp.Reference, model: SchemaModel) -> tuple[str | None, tuple[str, ...]]:
    target = reference.this
    if isinstance(target, exp.Schema) and isinstance(target.this, exp.Table):
        return model.table_key(target.this), _names(target.expressions, model)
    if isinstance(target, exp.Table):
        return model.table_key(target), ()
    return None, ()


def _names(nodes: list[exp.Expression], model: SchemaModel) -> tuple[str, ...]:
    return tuple(model.name_of(node) for node in nodes)


def _generated_name(index: Index, model: SchemaModel) -> str:
    """PostgreSQL's names for unnamed keys and indexes: t_pkey, t_a_key, t_a_fkey, t_a_idx."""
    table = index.table.rsplit(".", 1)[-1]
    suffix = {PRIMARY: "pkey", UNIQUE: "key", FOREIGN: "fkey", CHECK: "check"}.get(
        index.kind, "idx"
    )
    if index.kind == PRIMARY:
        base = f"{table}_{suffix}"
    else:
        base = "_".join((table, *index.columns[:1], suffix))
    name, counter = base, 0
    while model.find_index(name, index.table.rsplit(".", 1)[0] if "." in index.table else None):
        counter += 1
        name = f"{base}{counter}"
    return name


def _comment_text(node: exp.Expression | None) -> str | None:
    if isinstance(node, exp.Literal) and node.is_string:
        return str(node.this) or None
    return None


def column_from_definition(definition: exp.ColumnDef, dialect: str) -> Column:
    kind = definition.args.get("kind")
    default: str | None = None
    comment: str | None = None
    for constraint in definition.constraints:
        if isinstance(constraint.kind, exp.DefaultColumnConstraint):
            default = to_sql(constraint.kind.this, dialect) if constraint.kind.this else None
        elif isinstance(constraint.kind, exp.CommentColumnConstraint):
            comment = _comment_text(constraint.kind.this)
    return Column(
        name=definition.name.lower(),
        type=to_sql(kind, dialect) if kind is not None else "",
        nullable=column_nullable(definition),
        default=default,
        comment=comment,
    )


def column_nullable(definition: exp.ColumnDef) -> bool:
    """Whether a column definition allows NULL (the last NULL / NOT NULL wins; a primary key
    never does)."""
    nullable = True
    for constraint in definition.constraints:
        if isinstance(constraint.kind, exp.NotNullColumnConstraint):
            nullable = bool(constraint.kind.args.get("allow_null"))
        elif isinstance(constraint.kind, exp.PrimaryKeyColumnConstraint):
            nullable = False
    return nullable


def to_sql(node: exp.Expression, dialect: str) -> str:
    """`node.sql(dialect=dialect)` with the cached dialect: `Expression.sql` builds a new sqlglot
    Dialect for every call, which cost a second per review of 2,000 files. A plain type (`text`,
    `bigint`: nothing but its name) always reads the same, so it is generated once."""
    if isinstance(node, exp.DataType) and _is_plain_type(node):
        return _plain_type_sql(node.this, dialect)
    return get_dialect(dialect).generate(node)


def _is_plain_type(node: exp.DataType) -> bool:
    return (
        isinstance(node.this, exp.DType)
        and not node.comments
        and not any(value for key, value in node.args.items() if key != "this")
    )


@cache
def _plain_type_sql(kind: exp.DType, dialect: str) -> str:
    return get_dialect(dialect).generate(exp.DataType(this=kind))
