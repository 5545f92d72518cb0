"""The schema model: schemas, tables, columns, keys and indexes replayed from earlier migrations.

Rules ask it whether a table existed before the statement they review ("adding a NOT NULL column
to an existing table"), what a column was (type, nullability, default), and which indexes and
constraints a table has. It is built by `apply`ing every typed statement (dbops.core.statements)
of every earlier migration in version order, offline (the replay itself is core/replay.py);
statements it does not model leave it unchanged. `conflicts` tells what a statement assumes
that the model contradicts ("table already exists", "column does not exist").

Names are the typed model's `Name.value`s, folded the way each engine folds them: PostgreSQL
folds unquoted names to lower case, MySQL keeps table names' case and folds column and index
names, SQLite folds all of them.

Columns, indexes and tables are values the model replaces rather than changes in place, and a
table is shared between a model and its copies until one of them changes it (`_writable`), so
`copy()` costs one dictionary copy, not a deep copy of the whole schema.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from dbops.core.statements import ObjectName, Statement, TypeName

PRIMARY, UNIQUE, INDEX, FOREIGN, CHECK = "primary key", "unique", "index", "foreign key", "check"
UNTYPED = TypeName("", "")  # a SQLite column declared without a type, a CTAS column of unknown type


@dataclass(frozen=True)
class Column:
    name: str  # as the engine compares it
    type: str  # canonical display, as the engine's catalog shows it: "character varying(100)"
    nullable: bool = True
    default: str | None = None  # the DEFAULT as written; `nextval(…)` for serial columns
    comment: str | None = None
    type_name: TypeName = UNTYPED
    written: str = ""  # the name as written
    generated: str = ""  # "stored", "virtual", "identity always", "identity by default"
    auto_increment: bool = False
    charset: str | None = None  # MySQL: the column's character set when it has one
    collation: str | None = None

    @property
    def has_default(self) -> bool:
        """Whether the engine fills the column when an INSERT leaves it out (a DEFAULT that is
        not NULL, a serial's sequence); identity, generated and auto-increment columns are
        computed, not defaulted."""
        return self.default is not None and self.default.upper() != "NULL"


@dataclass(frozen=True)
class Index:
    """An index or a constraint (a primary or unique key is also an index in PostgreSQL)."""

    name: str  # as the engine names it (generated names are the engine's)
    table: str  # table key
    columns: tuple[str, ...]  # column names; an expression key part as "(expr)"
    kind: str = INDEX  # PRIMARY, UNIQUE, INDEX, FOREIGN or CHECK
    references: str | None = None  # referenced table key, for foreign keys
    referenced_columns: tuple[str, ...] = ()
    valid: bool = True  # False for a constraint added NOT VALID and not validated since
    proves_not_null: str | None = None  # CHECK (column IS NOT NULL): that column
    method: str = ""  # btree, gin, FULLTEXT, SPATIAL …
    constraint: bool = False  # declared as a constraint (inline UNIQUE, ADD CONSTRAINT)
    partial: bool = False  # PostgreSQL `WHERE …`
    on_delete: str = ""
    parent: str = ""  # PostgreSQL: the key of the partitioned table's index this one is part of
    for_foreign_key: bool = False  # MySQL: made by InnoDB for a foreign key, dropped with a better

    @property
    def unique(self) -> bool:
        return self.kind in (PRIMARY, UNIQUE)


@dataclass
class Table:
    name: str  # key: "public.users" for PostgreSQL, "users" (or "shop.users") elsewhere
    columns: dict[str, Column] = field(default_factory=dict)
    created_in: str | None = None  # migration path that created it
    comment: str | None = None
    written: str = ""  # the name as written where it was created (or last renamed)
    virtual_module: str = ""  # SQLite CREATE VIRTUAL TABLE … USING fts5: "fts5"
    partition_of: str | None = None  # PostgreSQL: the parent's key while attached
    partitioned: bool = False  # PostgreSQL PARTITION BY …
    charset: str | None = None  # MySQL default character set of the table
    collation: str | None = None

    @property
    def short_name(self) -> str:
        return self.name.rsplit(".", 1)[-1]

    def clone(self) -> Table:
        return replace(self, columns=dict(self.columns))


@dataclass(frozen=True)
class View:
    name: str  # key, as tables
    sources: frozenset[str]  # keys of the tables and views it reads
    materialized: bool = False
    columns: frozenset[str] = frozenset()  # column names its query names; "*" for a star


@dataclass(frozen=True)
class Conflict:
    """What a statement assumes that the replayed schema contradicts, at the element at fault."""

    message: str
    line: int | None = None
    column: int | None = None


@dataclass
class SchemaModel:
    dialect: str = "postgres"
    tables: dict[str, Table] = field(default_factory=dict)
    # By "schema.name" for PostgreSQL indexes and keys (they share the schema's namespace),
    # "table/name" for constraints named per table (PostgreSQL foreign keys and checks, every
    # MySQL index and key, SQLite's unnamed keys), "name" for SQLite indexes.
    indexes: dict[str, Index] = field(default_factory=dict)
    schemas: set[str] = field(default_factory=set)
    views: dict[str, View] = field(default_factory=dict)
    search_path: tuple[str, ...] = ()  # PostgreSQL `SET search_path`; MySQL `USE db` (one)
    # The keys of `indexes` by table key, in the order the index joined the table: rules and the
    # replay ask for one table's indexes for almost every statement, and scanning all of them
    # made a review quadratic. Change `indexes` only through `_store_index`/`_remove_index`.
    _by_table: dict[str, dict[str, None]] = field(default_factory=dict, repr=False)
    # The keys of `tables` by unqualified name (change `tables` only through `_put_table` and
    # `_remove_table`), for rules that find a table by the name a statement's tokens give.
    _by_short_name: dict[str, dict[str, None]] = field(default_factory=dict, repr=False)
    # The keys of the foreign keys that reference each table (by the referenced table's key):
    # renames and drops of a table or column find them without scanning every index.
    _referencing: dict[str, dict[str, None]] = field(default_factory=dict, repr=False)
    # Tables this model may change in place: the others are shared with a copy (`copy()`).
    _owned: set[str] = field(default_factory=set, repr=False)
    _origin: str | None = field(default=None, repr=False)  # the file being replayed

    def copy(self) -> SchemaModel:
        """An independent model: tables are shared until either side changes one."""
        self._owned = set()
        return SchemaModel(
            dialect=self.dialect,
            tables=dict(self.tables),
            indexes=dict(self.indexes),
            schemas=set(self.schemas),
            views=dict(self.views),
            search_path=self.search_path,
            _by_table={key: dict(keys) for key, keys in self._by_table.items()},
            _by_short_name={key: dict(keys) for key, keys in self._by_short_name.items()},
            _referencing={key: dict(keys) for key, keys in self._referencing.items()},
            _origin=self._origin,
        )

    # -- names ------------------------------------------------------------------------------
    def default_schema(self) -> str:
        """Where an unqualified name is created: the first schema of the search path that
        exists (PostgreSQL), the database of `USE` (MySQL), none (SQLite)."""
        if self.dialect == "postgres":
            # the first schema of the path: one the history never created may exist all the
            # same (a baseline outside the migrations); "$user" and the catalog rarely do
            written = [s for s in self.search_path if s not in ("$user", "pg_catalog")]
            return (written or ["public"])[0]
        return self.search_path[0] if self.search_path else ""

    def qualify(self, name: str, schema: str | None = None) -> str:
        schema = schema or self.default_schema()
        return f"{schema}.{name}" if schema else name

    def key_of(self, name: ObjectName) -> str:
        """The key a table (or index, view) named by a typed statement is filed under:
        `public.users` on PostgreSQL, `users` (or `shop.users`) elsewhere. An unqualified name
        is looked up along the search path; where none has it, the key it would be created as."""
        if name.schema is not None:
            return f"{name.schema.value}.{name.name.value}"
        if self.dialect == "postgres" and len(self.search_path) > 1:
            for schema in self.search_path:
                key = f"{schema}.{name.name.value}"
                if key in self.tables or key in self.indexes or key in self.views:
                    return key
        return self.qualify(name.name.value)

    def lookup(self, name: ObjectName) -> Table | None:
        """The table a typed statement names, if the replayed history has it."""
        return self.tables.get(self.key_of(name))

    def index_named(self, name: ObjectName, table: str | None = None) -> Index | None:
        """An index or key by name: on `table` (a table key) when given; else in the name's
        schema (PostgreSQL, SQLite) or on any table (MySQL names indexes per table)."""
        if table is not None:
            return next((i for i in self.table_indexes(table) if i.name == name.name.value), None)
        found = self.indexes.get(self.key_of(name))
        if found is not None or self.dialect == "postgres":
            return found
        return next((i for i in self.indexes.values() if i.name == name.name.value), None)

    def find_index(self, name: str, schema: str | None = None) -> Index | None:
        found = self.indexes.get(self.qualify(name, schema))
        if found is None and self.dialect != "postgres":
            found = next((i for i in self.indexes.values() if i.name == name), None)
        return found

    def tables_named(self, short_name: str) -> list[Table]:
        """The tables called `short_name` (normalized, unqualified) in any schema. MySQL table
        names keep their case; a name not found as given is matched regardless of case (rules
        that read names from tokens fold them)."""
        keys = self._by_short_name.get(short_name)
        if keys is None and self.dialect == "mysql":
            folded = short_name.lower()
            keys = {
                key: None
                for name, found in self._by_short_name.items()
                if name.lower() == folded
                for key in found
            }
        return [self.tables[key] for key in keys or ()]

    def table_slice(self, table_key: str) -> SchemaModel:
        """A model holding only this table and its indexes: enough to replay an ALTER TABLE of
        it and ask what keys it has afterwards, without copying the whole model."""
        piece = SchemaModel(
            dialect=self.dialect, schemas=set(self.schemas), search_path=self.search_path
        )
        table = self.tables.get(table_key)
        if table is not None:  # shared: each side clones it before changing it
            piece._put_table(table)
            self._owned.discard(table_key)
        for key in self._by_table.get(table_key, ()):
            piece._store_index(key, self.indexes[key])
        return piece

    def table_indexes(self, table_key: str) -> list[Index]:
        return [self.indexes[key] for key in self._by_table.get(table_key, ())]

    def primary_key(self, table_key: str) -> Index | None:
        return next((i for i in self.table_indexes(table_key) if i.kind == PRIMARY), None)

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
    def apply(self, node: Statement, origin: str | None = None) -> None:
        """Replay one typed statement (core/replay.py); what it does not model changes nothing."""
        from dbops.core.replay import apply_statement

        if not isinstance(node, Statement):  # a ParsedStatement: normalize it first
            raise TypeError(
                f"SchemaModel.apply takes a typed statement (dbops.parsing.typed_statements), "
                f"not {type(node).__name__}"
            )

        apply_statement(self, node, origin)

    def conflicts(self, node: Statement) -> list[Conflict]:
        """What `node` assumes that this model (the schema before it) contradicts."""
        from dbops.core.conflicts import conflicts_of

        return conflicts_of(self, node)

    # -- changes (for the replay) -------------------------------------------------------------
    def _writable(self, key: str) -> Table:
        """The table to change in place: cloned first if a copy of this model shares it."""
        table = self.tables[key]
        if key not in self._owned:
            table = table.clone()
            self.tables[key] = table
            self._owned.add(key)
        return table

    def _put_table(self, table: Table) -> None:
        self.tables[table.name] = table
        self._owned.discard(table.name)
        self._by_short_name.setdefault(table.short_name, {})[table.name] = None

    def _remove_table(self, key: str) -> Table | None:
        table = self.tables.pop(key, None)
        self._owned.discard(key)
        if table is not None:
            keys = self._by_short_name.get(table.short_name, {})
            keys.pop(key, None)
            if not keys:
                self._by_short_name.pop(table.short_name, None)
        return table

    def _store_index(self, key: str, index: Index) -> None:
        replaced = self.indexes.get(key)
        if replaced is not None and replaced.table != index.table:
            self._by_table.get(replaced.table, {}).pop(key, None)
        if replaced is not None and replaced.references != index.references:
            self._unreference(key, replaced)
        self.indexes[key] = index
        self._by_table.setdefault(index.table, {})[key] = None
        if index.references is not None:
            self._referencing.setdefault(index.references, {})[key] = None

    def _remove_index(self, key: str) -> Index | None:
        index = self.indexes.pop(key, None)
        if index is not None:
            keys = self._by_table.get(index.table, {})
            keys.pop(key, None)
            if not keys:
                self._by_table.pop(index.table, None)
            self._unreference(key, index)
        return index

    def _unreference(self, key: str, index: Index) -> None:
        if index.references is None:
            return
        keys = self._referencing.get(index.references, {})
        keys.pop(key, None)
        if not keys:
            self._referencing.pop(index.references, None)

    def referencing(self, table_key: str) -> list[Index]:
        """The foreign keys (of any table) that reference this table."""
        return [self.indexes[key] for key in self._referencing.get(table_key, ())]


__all__ = [
    "CHECK",
    "FOREIGN",
    "INDEX",
    "PRIMARY",
    "UNIQUE",
    "UNTYPED",
    "Column",
    "Conflict",
    "Index",
    "SchemaModel",
    "Table",
    "View",
]
