"""Column facts the column rules share, read from typed statements only: which columns a
statement defines or retypes, which columns its keys cover, what a column's type is in the
engine's own words, and where a finding about a column points."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from dbops.core.schema import CHECK, FOREIGN, PRIMARY, Index, SchemaModel
from dbops.core.statements import (
    NO_SPAN,
    Action,
    AddColumn,
    AddConstraint,
    AlterColumnType,
    AlterTable,
    ColumnDef,
    Comment,
    Constraint,
    ConstraintKind,
    CreateTable,
    DropColumn,
    DropConstraint,
    DropIndexAction,
    DropPrimaryKey,
    Expr,
    ExprKind,
    ModifyColumn,
    Name,
    ObjectName,
    Span,
    Statement,
    TypeName,
)
from dbops.rules.base import StatementContext


@dataclass(frozen=True)
class DefinedColumn:
    """A column a statement defines: in CREATE TABLE (`action` None), by ADD COLUMN, or
    redefined as a whole by MySQL MODIFY/CHANGE."""

    table: ObjectName
    column: ColumnDef
    action: Action | None = None

    @property
    def created(self) -> bool:
        return self.action is None

    @property
    def modified(self) -> bool:
        return isinstance(self.action, ModifyColumn)

    @property
    def span(self) -> Span:
        return spot(self.column.span, self.action.span if self.action else NO_SPAN)


@dataclass(frozen=True)
class TypedColumn:
    """A column a statement gives a type: defined with one, or changed to one
    (PostgreSQL `ALTER COLUMN … TYPE`)."""

    table: ObjectName
    name: Name
    type: TypeName
    span: Span
    retyped: bool = False  # ALTER COLUMN … TYPE: the column exists and changes type


def defined_columns(statement: Statement, *, modified: bool = True) -> Iterator[DefinedColumn]:
    """The columns CREATE TABLE, ADD COLUMN and (with `modified`) MODIFY/CHANGE define."""
    if isinstance(statement, CreateTable):
        for column in statement.columns:
            yield DefinedColumn(statement.table, column)
    elif isinstance(statement, AlterTable):
        for action in statement.actions:
            if isinstance(action, AddColumn) or (modified and isinstance(action, ModifyColumn)):
                yield DefinedColumn(statement.table, action.column, action)


def typed_columns(statement: Statement) -> Iterator[TypedColumn]:
    """Every column the statement defines with a type or changes to a type, in order."""
    if isinstance(statement, CreateTable):
        sites: Iterable[Action | ColumnDef] = statement.columns
        table = statement.table
    elif isinstance(statement, AlterTable):
        sites, table = statement.actions, statement.table
    else:
        return
    for site in sites:
        if isinstance(site, AlterColumnType):
            yield TypedColumn(table, site.column, site.type, spot(site.span), retyped=True)
            continue
        column = _column_of(site)
        if column is not None and column.type is not None:
            action_span = site.span if isinstance(site, Action) else NO_SPAN
            yield TypedColumn(table, column.name, column.type, spot(column.span, action_span))


def _column_of(site: Action | ColumnDef) -> ColumnDef | None:
    if isinstance(site, ColumnDef):
        return site
    if isinstance(site, AddColumn | ModifyColumn):
        return site.column
    return None


def primary_key_columns(statement: Statement) -> frozenset[str]:
    """Columns (engine-compared names) that a primary key the statement defines covers:
    inline `PRIMARY KEY`, a table-level `PRIMARY KEY (a, b)`, or `ADD PRIMARY KEY (a)` in the
    same ALTER TABLE."""
    found: set[str] = set()
    for defined in defined_columns(statement):
        if defined.column.primary_key:
            found.add(defined.column.name.value)
    constraints: tuple[Constraint, ...] = ()
    if isinstance(statement, CreateTable):
        constraints = statement.constraints
    elif isinstance(statement, AlterTable):
        constraints = tuple(a.constraint for a in statement.actions if isinstance(a, AddConstraint))
    for constraint in constraints:
        if constraint.kind is ConstraintKind.PRIMARY_KEY:
            found.update(name.value for name in constraint.columns)
    return frozenset(found)


def accepts_null(column: ColumnDef) -> bool:
    """Whether the engine lets the column hold NULL once defined: not when NOT NULL is
    written, nor for an inline primary key, an identity or a serial column (PostgreSQL makes
    both NOT NULL). A table-level key is for the caller to add (`primary_key_columns`)."""
    return column.nullable and not column.serial


def column_charset(column: ColumnDef) -> str | None:
    """The character set a column names for itself (`CHARACTER SET latin1`, on the column or
    on its type), as written."""
    if column.charset:
        return column.charset
    return column.type.charset if column.type is not None and column.type.charset else None


def column_collation(column: ColumnDef) -> str | None:
    """The collation a column names for itself (`COLLATE utf8mb4_bin`), as written."""
    if column.collation:
        return column.collation
    return column.type.collation if column.type is not None and column.type.collation else None


def indexes_dropping_columns(
    statement: AlterTable, schema: SchemaModel
) -> Iterator[tuple[DropColumn, Index]]:
    """Each DROP COLUMN of the statement whose column an index or key of the table still
    covers when the action runs (an index the same statement dropped before does not count),
    with the first such index."""
    key = schema.key_of(statement.table)
    indexes = [i for i in schema.table_indexes(key) if i.kind not in (FOREIGN, CHECK)]
    for action in statement.actions:
        if isinstance(action, DropIndexAction | DropConstraint):
            indexes = [i for i in indexes if i.name != action.name.value]
        elif isinstance(action, DropPrimaryKey):
            indexes = [i for i in indexes if i.kind != PRIMARY]
        elif isinstance(action, DropColumn):
            covering = next((i for i in indexes if action.column.value in i.columns), None)
            if covering is not None:
                yield action, covering


def existing_primary_key(statement: Statement, schema: SchemaModel) -> frozenset[str]:
    """The columns of the primary key the altered table has before the statement."""
    if not isinstance(statement, AlterTable):
        return frozenset()
    key = schema.primary_key(schema.key_of(statement.table))
    return frozenset(key.columns) if key is not None else frozenset()


def engine_of(dialect: str) -> str:
    """The engine a dialect name stands for: `postgres`, `mysql` (MariaDB too) or `sqlite`."""
    name = dialect.lower()
    if name in ("postgres", "postgresql", "pg"):
        return "postgres"
    return "mysql" if name in ("mysql", "mariadb") else name


def stored_name(name: Name, dialect: str) -> str:
    """A name as the engine stores it, which is what naming conventions judge: PostgreSQL
    folds an unquoted name to lower case (`techBook` is stored `techbook`); MySQL and SQLite
    keep a column's name as written (`techBook`), even though they compare it folded."""
    return name.value if engine_of(dialect) == "postgres" else name.written


# -- types ------------------------------------------------------------------------------------

# The names users write in type lists (policies, Bytebase payloads) for a type the engine
# reports under another name: `int4` and `int` are PostgreSQL's `integer`, MySQL's `integer`
# is `int`. Keys lower case, values as the engine's catalog names the type. The serial
# pseudo-types are not here: a list naming `serial` bans serial columns, not every integer
# (`type_in_list` compares it with the type as written).
_TYPE_ALIASES: dict[str, dict[str, str]] = {
    "postgres": {
        "int": "integer",
        "int4": "integer",
        "int8": "bigint",
        "int2": "smallint",
        "varchar": "character varying",
        "char": "character",
        "bpchar": "character",
        "bool": "boolean",
        "float8": "double precision",
        "float": "double precision",
        "float4": "real",
        "decimal": "numeric",
        "timestamp": "timestamp without time zone",
        "timestamptz": "timestamp with time zone",
        "time": "time without time zone",
        "timetz": "time with time zone",
        "varbit": "bit varying",
    },
    "mysql": {
        "integer": "int",
        "bool": "tinyint",
        "boolean": "tinyint",
        "dec": "decimal",
        "numeric": "decimal",
        "fixed": "decimal",
        "double precision": "double",
        "real": "double",
        "character varying": "varchar",
        "character": "char",
        "nchar": "char",
        "nvarchar": "varchar",
        "national varchar": "varchar",
        "int4": "int",
        "int8": "bigint",
        "int2": "smallint",
        "int1": "tinyint",
        "int3": "mediumint",
        "middleint": "mediumint",
        "long varchar": "mediumtext",
        "long": "mediumtext",
    },
    # SQLite keeps the declared type as written: `INTEGER` (the rowid alias) is what `int` means.
    "sqlite": {"integer": "int"},
}

# What the engine calls its fixed-width and variable-width character types.
CHAR_TYPES = frozenset({"character", "char"})
VARCHAR_TYPES = frozenset({"character varying", "varchar", "nvarchar", "varchar2"})

MYSQL_INTEGER_TYPES = frozenset({"tinyint", "smallint", "mediumint", "int", "bigint"})
MYSQL_TEXT_TYPES = frozenset(
    {"char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set"}
)
MYSQL_SPATIAL_TYPES = frozenset(
    {
        "geometry",
        "point",
        "linestring",
        "polygon",
        "multipoint",
        "multilinestring",
        "multipolygon",
        "geometrycollection",
        "geomcollection",
    }
)
# Types MySQL refuses a literal DEFAULT for (only an expression default, since 8.0.13).
MYSQL_NO_LITERAL_DEFAULT = (
    frozenset({"tinytext", "text", "mediumtext", "longtext", "json"})
    | frozenset({"tinyblob", "blob", "mediumblob", "longblob"})
    | MYSQL_SPATIAL_TYPES
)


def engine_type_name(written: str, dialect: str) -> str:
    """A type name a user wrote in a list (`int4`, `JSON`, `timestamptz`) as the engine's
    catalog names it, to compare with `TypeName.name`."""
    name = " ".join(written.lower().split())
    name = name.split("(", 1)[0].strip()
    return _TYPE_ALIASES.get(engine_of(dialect), {}).get(name, name)


def base_name(type_name: TypeName) -> str:
    """The engine's name of the type without parameters: `TypeName.name` on PostgreSQL and
    MySQL; on SQLite, whose declared type is kept whole (`varchar(255)`), its words before the
    parentheses (`varchar`)."""
    return type_name.name.split("(", 1)[0].strip()


def written_base(type_name: TypeName) -> str:
    """The type's name as written, without parameters or array brackets: `int4`, `serial`."""
    base = type_name.written.lower().split("(", 1)[0].split("[", 1)[0]
    return " ".join(base.split())


def type_in_list(type_name: TypeName, names: Iterable[str], dialect: str) -> bool:
    """Whether the type is one of the listed ones, compared by the engine's type name, or by
    the name as written for a list that names an alias on purpose (`serial`, `int4`)."""
    written = written_base(type_name)
    engine_name = engine_type_name(base_name(type_name), dialect)
    return any(
        engine_type_name(name, dialect) == engine_name or name.lower().strip() == written
        for name in names
    )


# -- expressions ------------------------------------------------------------------------------

# The functions that read the clock, as MySQL accepts them in DEFAULT and ON UPDATE.
CLOCK_FUNCTIONS = frozenset({"now", "current_timestamp", "localtime", "localtimestamp"})


def reads_clock(expr: Expr | None) -> bool:
    """Whether a DEFAULT or ON UPDATE value is the current time (`NOW()`, `CURRENT_TIMESTAMP`,
    `CURRENT_TIMESTAMP(3)`, `LOCALTIMESTAMP`)."""
    if expr is None:
        return False
    inner = expr.stripped()
    if inner.kind is ExprKind.FUNCTION:
        return inner.name.lower() in CLOCK_FUNCTIONS
    # A bare keyword (`CURRENT_TIMESTAMP` without parentheses) a normalizer kept as written.
    word = inner.text.split("(", 1)[0].strip().lower()
    return inner.kind in (ExprKind.OTHER, ExprKind.COLUMN) and word in CLOCK_FUNCTIONS


# -- comments ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class FileColumnComments:
    """The last `COMMENT ON COLUMN t.c` of each column in one file, with its position among
    the file's statements: the comment a column has once the file has run is the last one
    after the statement at hand. Keys are the table's and the column's engine-compared names
    (the table unqualified, as a comment may qualify it or not)."""

    path: str
    checksum: str
    last: dict[tuple[str, str], tuple[int, Comment]]

    @classmethod
    def of(cls, context: StatementContext) -> FileColumnComments:
        statements = (*context.previous, context.statement, *context.following)
        last: dict[tuple[str, str], tuple[int, Comment]] = {}
        for position, statement in enumerate(statements):
            key = column_comment_key(statement)
            if key is not None:
                assert isinstance(statement, Comment)
                last[key] = (position, statement)
        return cls(context.file.path, context.file.checksum, last)

    def is_of(self, context: StatementContext) -> bool:
        return (self.path, self.checksum) == (context.file.path, context.file.checksum)

    def after(self, context: StatementContext, key: tuple[str, str]) -> Comment | None:
        """The comment the column gets later in the file, if any."""
        found = self.last.get(key)
        return found[1] if found is not None and found[0] > len(context.previous) else None


def column_comment_key(statement: Statement) -> tuple[str, str] | None:
    """(table, column) of a `COMMENT ON COLUMN`, else None."""
    if (
        isinstance(statement, Comment)
        and statement.object_kind == "COLUMN"
        and statement.column is not None
    ):
        return (statement.target.name.value, statement.column.value)
    return None


# -- where findings point ---------------------------------------------------------------------


def spot(*spans: Span) -> Span:
    """The first known span of these (a column's own, else its action's)."""
    return next((span for span in spans if span != NO_SPAN), NO_SPAN)
