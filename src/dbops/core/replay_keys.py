"""What the schema replay derives from a typed definition, as each engine derives it: a column's
catalog type and nullability, the names an engine gives unnamed keys and indexes, and where a key
is filed in the model."""

from __future__ import annotations

from dbops.core.schema import CHECK, FOREIGN, INDEX, PRIMARY, UNIQUE, UNTYPED, Column, SchemaModel
from dbops.core.statements import (
    ColumnDef,
    Expr,
    ExprKind,
    Generated,
    IndexElement,
    ObjectName,
    TypeName,
)

PG_NAME_LIMIT = 63  # NAMEDATALEN - 1
EXCLUDE = "exclude"  # an exclusion constraint: an index (kind INDEX) named `t_col_excl`
_SERIAL_TYPES = {"serial": "integer", "bigserial": "bigint", "smallserial": "smallint"}
_SERIAL_TYPES |= {"serial4": "integer", "serial8": "bigint", "serial2": "smallint"}
# MariaDB shows an integer type's display width even where none is written (signed, unsigned).
_MYSQL_WIDTHS = {
    "tinyint": (4, 3),
    "smallint": (6, 5),
    "mediumint": (9, 8),
    "int": (11, 10),
    "bigint": (20, 20),
}
_MYSQL_DEFAULT_PARAMETERS = {"bit": ("1",), "char": ("1",), "binary": ("1",), "year": ("4",)}
_PG_DEFAULT_PARAMETERS = {"character": ("1",), "bit": ("1",)}


def type_display(type_name: TypeName, dialect: str) -> str:
    """A type as the engine's catalog shows it: PostgreSQL `format_type`
    (`character varying(100)`, `timestamp(3) with time zone`, `integer[]`), MariaDB
    `COLUMN_TYPE` (`int(10) unsigned`, `decimal(10,2)`, `enum('a','b')`), SQLite the declared
    type in lower case."""
    if type_name is UNTYPED or not type_name.name:
        return type_name.written.lower()
    if dialect == "sqlite":
        return " ".join(type_name.written.lower().split())
    if dialect == "postgres":
        return _postgres_display(type_name)
    return _mysql_display(type_name)


def _postgres_display(type_name: TypeName) -> str:
    name = _SERIAL_TYPES.get(type_name.name, type_name.name)
    parameters = type_name.parameters or _PG_DEFAULT_PARAMETERS.get(name, ())
    arguments = f"({','.join(parameters)})" if parameters else ""
    for zone in (" with time zone", " without time zone"):
        if name.endswith(zone) and name.startswith(("timestamp", "time")):
            text = f"{name.removesuffix(zone)}{arguments}{zone}"
            break
    else:
        text = f"{name}{arguments}"
    return text + ("[]" if type_name.array_dimensions else "")


def _mysql_display(type_name: TypeName) -> str:
    name = type_name.name
    parameters = type_name.parameters
    if name in ("boolean", "bool"):
        name, parameters = "tinyint", ("1",)
    if name in _MYSQL_WIDTHS and not parameters:
        signed, unsigned = _MYSQL_WIDTHS[name]
        parameters = (str(unsigned if type_name.unsigned or type_name.zerofill else signed),)
    if name == "decimal":
        parameters = (*parameters, "0") if len(parameters) == 1 else parameters or ("10", "0")
    parameters = parameters or _MYSQL_DEFAULT_PARAMETERS.get(name, ())
    text = f"{name}({','.join(parameters)})" if parameters else name
    if type_name.unsigned or type_name.zerofill:
        text += " unsigned"
    if type_name.zerofill:
        text += " zerofill"
    return text


def base_type(type_name: TypeName) -> TypeName:
    """A serial pseudo-type as the integer type it creates."""
    name = _SERIAL_TYPES.get(type_name.name)
    if name is None:
        return type_name
    return TypeName(name, type_name.written, span=type_name.span)


def column_of(definition: ColumnDef, table_short: str, dialect: str) -> Column:
    """The column a definition creates, as the engine's catalog then reports it."""
    type_name = base_type(definition.type) if definition.type is not None else UNTYPED
    serial = definition.serial or (
        definition.type is not None and definition.type.name in _SERIAL_TYPES
    )
    default = definition.default.text if definition.default is not None else None
    if serial and dialect == "postgres":
        default = f"nextval('{table_short}_{definition.name.value}_seq'::regclass)"
    if dialect == "sqlite":
        nullable = not definition.not_null
    else:
        nullable = definition.nullable and not (serial and dialect in ("postgres", "mysql"))
    generated = definition.generated.value if definition.generated is not None else ""
    if definition.generated in (Generated.STORED, Generated.VIRTUAL):
        default = None
    charset = definition.charset or (definition.type.charset if definition.type else None)
    collation = definition.collation or (definition.type.collation if definition.type else None)
    return Column(
        name=definition.name.value,
        type=type_display(type_name, dialect),
        nullable=nullable,
        default=default,
        comment=definition.comment,
        type_name=type_name,
        written=definition.name.written,
        generated=generated,
        auto_increment=definition.auto_increment or (serial and dialect == "mysql"),
        charset=charset,
        collation=collation,
    )


def element_name(element: IndexElement) -> str:
    """A key part as the model lists it: the column, or `(expression)`."""
    if element.column is not None:
        return element.column.value
    if element.expression is not None:
        return f"({element.expression.text})"
    return ""


def _label_of(element: IndexElement) -> str:
    """PostgreSQL's name part for a key part: the column, an expression's function, `expr`."""
    if element.column is not None:
        return element.column.value
    inner = element.expression.stripped() if element.expression is not None else None
    if inner is not None and inner.kind is ExprKind.FUNCTION and inner.name:
        return inner.name
    if inner is not None and inner.kind is ExprKind.COLUMN and inner.name:
        return inner.name
    return "expr"


def index_labels(elements: tuple[IndexElement, ...]) -> tuple[str, ...]:
    return tuple(_label_of(element) for element in elements)


def check_columns(check: Expr | None) -> tuple[str, ...]:
    if check is None:
        return ()
    return tuple(dict.fromkeys(e.name.lower() for e in check.columns() if e.name))


def index_key(model: SchemaModel, table_key: str, name: str, kind: str) -> str:
    """Where a key or index is filed: PostgreSQL indexes in their schema's namespace, per-table
    constraints (foreign keys, checks; every MySQL key) under their table, SQLite indexes by
    name."""
    if model.dialect == "postgres" and kind not in (FOREIGN, CHECK):
        schema = table_key.rsplit(".", 1)[0] if "." in table_key else model.default_schema()
        return f"{schema}.{name}"
    if model.dialect == "sqlite" and kind == INDEX:
        return name
    if model.dialect == "mysql" and kind in (FOREIGN, CHECK):  # namespaces apart from indexes
        return f"{table_key}/{kind}/{name}"
    return f"{table_key}/{name}"


def generated_name(
    model: SchemaModel, table_key: str, kind: str, labels: tuple[str, ...], constraint: bool
) -> str:
    """The name the engine gives an unnamed key or index."""
    short = table_key.rsplit(".", 1)[-1]
    if model.dialect == "postgres":
        suffix = {PRIMARY: "pkey", UNIQUE: "key" if constraint else "idx", FOREIGN: "fkey"}
        label = {**suffix, CHECK: "check", EXCLUDE: "excl"}.get(kind, "idx")
        parts = () if kind == PRIMARY else labels
        return _postgres_unique(model, table_key, short, "_".join(parts), label, kind)
    if model.dialect == "mysql":
        if kind == PRIMARY:
            return "PRIMARY"
        if kind == FOREIGN:
            taken = {i.name for i in model.table_indexes(table_key)}
            number = 1
            while f"{short}_ibfk_{number}" in taken:
                number += 1
            return f"{short}_ibfk_{number}"
        return _mysql_unique(model, table_key, labels[0] if labels else "")
    # SQLite: keys that need an index get `sqlite_autoindex_t_N`; others only a model name
    kinds = {PRIMARY: "pk", UNIQUE: "uk", FOREIGN: "fk", CHECK: "ck"}
    taken = {i.name for i in model.table_indexes(table_key)}
    number = 1
    prefix = "sqlite_autoindex" if kind in (PRIMARY, UNIQUE) else kinds.get(kind, "ix")
    while f"{prefix}_{short}_{number}" in taken:
        number += 1
    return f"{prefix}_{short}_{number}"


def _mysql_unique(model: SchemaModel, table_key: str, base: str) -> str:
    taken = {i.name.lower() for i in model.table_indexes(table_key) if i.kind != FOREIGN}
    if base.lower() not in taken and base.upper() != "PRIMARY":
        return base
    number = 2
    while f"{base}_{number}".lower() in taken:
        number += 1
    return f"{base}_{number}"


def _postgres_unique(
    model: SchemaModel, table_key: str, table: str, columns: str, label: str, kind: str
) -> str:
    """PostgreSQL's ChooseRelationName/ChooseConstraintName: `t_a_b_key`, pieces truncated to
    fit 63 characters, then a number after the label until no relation or constraint of the
    schema has the name."""
    schema = table_key.rsplit(".", 1)[0] if "." in table_key else model.default_schema()
    own = {index.name for index in model.table_indexes(table_key)}
    number = 0
    while True:
        candidate = _object_name(table, columns, label + (str(number) if number else ""))
        qualified = f"{schema}.{candidate}"
        if not (qualified in model.indexes or qualified in model.tables or candidate in own):
            return candidate
        number += 1


def _object_name(first: str, second: str, label: str) -> str:
    overhead = len(label) + 1 + (1 if second else 0)
    while len(first) + len(second) + overhead > PG_NAME_LIMIT:
        if len(first) > len(second):
            first = first[:-1]
        else:
            second = second[:-1]
    return "_".join(part for part in (first, second, label) if part)


def create_key(model: SchemaModel, name: ObjectName) -> str:
    """The key an object created under `name` gets: in the written schema, else the first
    existing schema of the search path."""
    if name.schema is not None:
        return f"{name.schema.value}.{name.name.value}"
    return model.qualify(name.name.value)


def short(key: str) -> str:
    return key.rsplit(".", 1)[-1]
