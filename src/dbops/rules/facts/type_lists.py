"""The base type and length of a column the replayed schema holds (type lists are compared by
`facts.columns.type_in_list`, the one place that knows the engines' type aliases)."""

from __future__ import annotations

from dbops.core.schema import Column
from dbops.rules.facts.columns import engine_type_name


def canonical_base(written: str) -> str:
    """`varchar` from `VARCHAR(20)`, `bigint` from `BIGINT UNSIGNED`, `int` from `int[]`."""
    return written.split("(", 1)[0].split("[", 1)[0].strip().split(" ", 1)[0].lower()


def column_type(column: Column, dialect: str) -> str:
    """The canonical base type of a column of the replayed schema."""
    if column.type_name is not None:
        return column.type_name.name
    return engine_type_name(canonical_base(column.type), dialect)


def column_length(column: Column) -> int | None:
    """The declared length of a replayed column (`varchar(20)` -> 20), when it has one."""
    if column.type_name is not None:
        return column.type_name.length
    if "(" not in column.type:
        return None
    digits = column.type.split("(", 1)[1].split(")", 1)[0].split(",", 1)[0].strip()
    return int(digits) if digits.isdigit() else None
