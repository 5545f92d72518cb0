"""The schema model: tables, columns and indexes as replayed from earlier migrations, offline.

Rules ask it whether a table existed before the statement they review ("adding a NOT NULL column
to an existing table") and what a column was. It is built by `apply`ing every statement of every
earlier migration in version order; statements it does not model leave it unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlglot import exp

from dbops.core.sql import ParsedStatement


@dataclass
class Column:
    name: str
    type: str
    nullable: bool = True
    default: str | None = None


@dataclass
class Index:
    name: str
    table: str
    columns: tuple[str, ...]
    unique: bool = False


@dataclass
class Table:
    name: str  # qualified and normalized: "public.users" for PostgreSQL, "users" elsewhere
    columns: dict[str, Column] = field(default_factory=dict)
    primary_key: tuple[str, ...] = ()
    created_in: str | None = None  # migration path that created it


@dataclass
class SchemaModel:
    dialect: str = "postgres"
    tables: dict[str, Table] = field(default_factory=dict)
    indexes: dict[str, Index] = field(default_factory=dict)
    schemas: set[str] = field(default_factory=set)

    def table_key(self, table: exp.Table) -> str:
        """Normalized qualified name of a table reference."""
        name = table.name
        schema = table.db
        if self.dialect == "postgres":
            schema = schema or "public"
            return f"{_normalize(schema, self.dialect)}.{_normalize(name, self.dialect)}"
        return _normalize(name, self.dialect) if not schema else f"{schema}.{name}".lower()

    def find_table(self, table: exp.Table) -> Table | None:
        return self.tables.get(self.table_key(table))

    def apply(self, statement: ParsedStatement, origin: str | None = None) -> None:
        tree = statement.tree
        if tree is None or statement.opaque:
            return
        if isinstance(tree, exp.Create):
            self._apply_create(tree, origin)
        elif isinstance(tree, exp.Alter) and tree.args.get("kind", "").upper() == "TABLE":
            self._apply_alter(tree)
        elif isinstance(tree, exp.Drop):
            self._apply_drop(tree)

    def _apply_create(self, tree: exp.Create, origin: str | None) -> None:
        kind = (tree.args.get("kind") or "").upper()
        target = tree.this
        if kind == "TABLE":
            table_ref = target.this if isinstance(target, exp.Schema) else target
            if not isinstance(table_ref, exp.Table):
                return
            table = Table(name=self.table_key(table_ref), created_in=origin)
            if isinstance(target, exp.Schema):
                for definition in target.expressions:
                    self._add_definition(table, definition)
            self.tables[table.name] = table
        elif kind == "INDEX" and isinstance(target, exp.Index):
            table_ref = target.args.get("table")
            if isinstance(table_ref, exp.Table):
                params = target.args.get("params")
                columns = tuple(
                    column.name for column in (params.find_all(exp.Column) if params else [])
                )
                name = _normalize(target.name, self.dialect)
                self.indexes[name] = Index(
                    name=name,
                    table=self.table_key(table_ref),
                    columns=columns,
                    unique=bool(tree.args.get("unique")),
                )
        elif kind == "SCHEMA" and isinstance(target, exp.Table):
            self.schemas.add(_normalize(target.name or target.db, self.dialect))

    def _add_definition(self, table: Table, definition: exp.Expression) -> None:
        if isinstance(definition, exp.ColumnDef):
            column = column_from_definition(definition, self.dialect)
            table.columns[column.name] = column
            if any(
                isinstance(constraint.kind, exp.PrimaryKeyColumnConstraint)
                for constraint in definition.constraints
            ):
                table.primary_key = (column.name,)
                column.nullable = False
        elif isinstance(definition, exp.PrimaryKey):
            table.primary_key = tuple(
                _normalize(part.name, self.dialect) for part in definition.expressions
            )
            for name in table.primary_key:
                if name in table.columns:
                    table.columns[name].nullable = False

    def _apply_alter(self, tree: exp.Alter) -> None:
        table_ref = tree.this
        if not isinstance(table_ref, exp.Table):
            return
        table = self.find_table(table_ref)
        for action in tree.args.get("actions") or []:
            if isinstance(action, exp.AlterRename) and table is not None:
                new_ref = action.this
                if isinstance(new_ref, exp.Table):
                    if not new_ref.db and table_ref.db:
                        new_ref = exp.table_(new_ref.name, db=table_ref.db)
                    del self.tables[table.name]
                    table.name = self.table_key(new_ref)
                    self.tables[table.name] = table
            elif table is None:
                continue
            elif isinstance(action, exp.ColumnDef):
                self._add_definition(table, action)
            elif isinstance(action, exp.Drop) and (action.args.get("kind") or "").upper() in (
                "COLUMN",
                "",
            ):
                table.columns.pop(_normalize(action.name, self.dialect), None)

    def _apply_drop(self, tree: exp.Drop) -> None:
        kind = (tree.args.get("kind") or "").upper()
        targets = [tree.this, *(tree.expressions or [])]
        for target in targets:
            if kind == "TABLE" and isinstance(target, exp.Table):
                self.tables.pop(self.table_key(target), None)
            elif kind == "INDEX" and isinstance(target, exp.Table | exp.Identifier):
                self.indexes.pop(_normalize(target.name, self.dialect), None)


def column_from_definition(definition: exp.ColumnDef, dialect: str) -> Column:
    kind = definition.args.get("kind")
    nullable = True
    default: str | None = None
    for constraint in definition.constraints:
        if isinstance(constraint.kind, exp.NotNullColumnConstraint):
            nullable = bool(constraint.kind.args.get("allow_null"))
        elif isinstance(constraint.kind, exp.PrimaryKeyColumnConstraint):
            nullable = False
        elif isinstance(constraint.kind, exp.DefaultColumnConstraint):
            default = constraint.kind.this.sql(dialect=dialect) if constraint.kind.this else None
    return Column(
        name=_normalize(definition.name, dialect),
        type=kind.sql(dialect=dialect) if kind is not None else "",
        nullable=nullable,
        default=default,
    )


def _normalize(name: str, dialect: str) -> str:
    # Unquoted identifiers fold to lower case in PostgreSQL; MySQL and SQLite compare names
    # case-insensitively.
    del dialect
    return name.lower()
