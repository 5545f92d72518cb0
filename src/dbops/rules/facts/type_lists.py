"""Column types as rules compare them: a user-written type list (`int`, `serial`, `JSON`)
against the typed model's canonical type names (`integer`, `bigint`, `character varying`), and
the base type of a column the replayed schema holds."""

from __future__ import annotations

from dbops.core.schema import Column
from dbops.core.statements import TypeName

# Spellings a policy may use for a type, by the canonical name the engine's catalog reports.
_POSTGRES_ALIASES = {
    "int": "integer",
    "int4": "integer",
    "serial": "integer",
    "serial4": "integer",
    "int8": "bigint",
    "bigserial": "bigint",
    "serial8": "bigint",
    "int2": "smallint",
    "smallserial": "smallint",
    "serial2": "smallint",
    "varchar": "character varying",
    "char": "character",
    "bpchar": "character",
    "bool": "boolean",
    "float8": "double precision",
    "double": "double precision",
    "float4": "real",
    "float": "double precision",
    "decimal": "numeric",
    "timestamp": "timestamp without time zone",
    "timestamptz": "timestamp with time zone",
    "time": "time without time zone",
    "timetz": "time with time zone",
    "varbit": "bit varying",
}
_MYSQL_ALIASES = {
    "integer": "int",
    "bool": "tinyint",
    "boolean": "tinyint",
    "dec": "decimal",
    "numeric": "decimal",
    "fixed": "decimal",
    "character": "char",
    "nchar": "char",
    "nvarchar": "varchar",
    "double precision": "double",
    "real": "double",
}

# SQLite keeps the declared type as written; `INTEGER` (the rowid alias) is what `int` means.
_SQLITE_ALIASES = {"integer": "int"}


def canonical_type(written: str, dialect: str) -> str:
    """The canonical name of a type as a policy writes it: `INT` -> `integer` (PostgreSQL),
    `integer` -> `int` (MySQL); parameters are dropped (`varchar(20)` -> `character varying`)."""
    name = " ".join(written.split("(", 1)[0].lower().split())
    if dialect == "postgres":
        return _POSTGRES_ALIASES.get(name, name)
    if dialect == "mysql":
        return _MYSQL_ALIASES.get(name, name)
    return _SQLITE_ALIASES.get(name, name)


def type_in_list(type_name: TypeName, entries: list[str], dialect: str) -> bool:
    """Whether a column type is one of the listed types: by canonical name (`int` lists
    `integer` and `int4`), or by the spelling written (`serial` lists only serial columns)."""
    written = canonical_base(type_name.written)
    canonical = {canonical_type(entry, dialect) for entry in entries}
    spelled = {canonical_base(entry) for entry in entries}
    return canonical_type(type_name.name, dialect) in canonical or written in spelled


def canonical_base(written: str) -> str:
    """`varchar` from `VARCHAR(20)`, `bigint` from `BIGINT UNSIGNED`, `int` from `int[]`."""
    return written.split("(", 1)[0].split("[", 1)[0].strip().split(" ", 1)[0].lower()


def column_type(column: Column, dialect: str) -> str:
    """The canonical base type of a column of the replayed schema."""
    if column.type_name is not None:
        return column.type_name.name
    return canonical_type(canonical_base(column.type), dialect)


def column_length(column: Column) -> int | None:
    """The declared length of a replayed column (`varchar(20)` -> 20), when it has one."""
    if column.type_name is not None:
        return column.type_name.length
    if "(" not in column.type:
        return None
    digits = column.type.split("(", 1)[1].split(")", 1)[0].split(",", 1)[0].strip()
    return int(digits) if digits.isdigit() else None
