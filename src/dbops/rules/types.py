"""Comparing column types with user-written type lists (`JSON`, `serial`, `int`), through the
dialect's own type names, so that `integer`, `int` and `int4` are the same type."""

from __future__ import annotations

from functools import cache

from sqlglot import exp
from sqlglot.errors import ParseError


@cache
def canonical_type(name: str, dialect: str) -> str:
    try:
        datatype = exp.DataType.build(name, dialect=dialect)
    except (ParseError, ValueError):
        return name.upper()
    return type_key(datatype)


def type_key(datatype: exp.DataType) -> str:
    value = datatype.this
    return str(value.value if isinstance(value, exp.DataType.Type) else value).upper()


def in_list(datatype: exp.DataType, names: list[str], dialect: str) -> bool:
    return type_key(datatype) in {canonical_type(name, dialect) for name in names}
