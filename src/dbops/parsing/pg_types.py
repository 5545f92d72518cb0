"""PostgreSQL type names: the grammar's internal names turned into the names PostgreSQL's
catalog reports (`format_type`, information_schema), with the type as written."""

from __future__ import annotations

from typing import Any

from dbops.core.statements import NO_SPAN, TypeName
from dbops.parsing.pg_nodes import constant
from dbops.parsing.pg_source import Source

# pg_catalog's internal names -> format_type's names. The grammar writes `int`, `integer`,
# `decimal`, `char`, `varchar`, `timestamp`, `float` … as these internal names.
CANONICAL = {
    "int4": "integer",
    "int": "integer",
    "integer": "integer",
    "int8": "bigint",
    "int2": "smallint",
    "varchar": "character varying",
    "bpchar": "character",
    "timestamptz": "timestamp with time zone",
    "timestamp": "timestamp without time zone",
    "timetz": "time with time zone",
    "time": "time without time zone",
    "bool": "boolean",
    "float8": "double precision",
    "float4": "real",
    "decimal": "numeric",
    "varbit": "bit varying",
    "serial": "integer",
    "serial4": "integer",
    "bigserial": "bigint",
    "serial8": "bigint",
    "smallserial": "smallint",
    "serial2": "smallint",
}
SERIAL_TYPES = frozenset(["serial", "serial4", "bigserial", "serial8", "smallserial", "serial2"])
# Words that continue a type name after its first word (`character varying`, `double
# precision`, `timestamp(3) with time zone`, `interval day to second`).
_CONTINUATIONS = frozenset(["VARYING", "PRECISION", "TIME", "ZONE", "ARRAY"])
_INTERVAL_FIELDS = frozenset(["YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND", "TO"])


def type_name(node: Any, source: Source) -> tuple[TypeName, bool]:
    """The model's type for a pglast TypeName, and whether it was a serial pseudo-type."""
    names = [part.sval for part in node.names]
    internal = names[-1]
    builtin = len(names) == 1 or names[0] == "pg_catalog"
    if builtin and internal in CANONICAL and not (len(names) == 1 and internal == "char"):
        canonical = CANONICAL[internal]
    elif builtin:
        canonical = internal
    else:
        canonical = ".".join(names)
    serial = len(names) == 1 and internal in SERIAL_TYPES
    location = node.location
    written = ""
    parameters: tuple[str, ...] = ()
    span = NO_SPAN
    if location is not None:
        end, parameters = _extent(source, location)
        written = source.slice(location, end)
        span = source.span(location, end)
    if not parameters and node.typmods:
        parameters = tuple(_typmod(mod) for mod in node.typmods)
    if canonical == "interval" and "(" not in written:
        parameters = ()  # interval fields are a bit mask, not a written parameter
    result = TypeName(
        name=canonical,
        written=written or canonical,
        parameters=parameters,
        array_dimensions=len(node.arrayBounds) if node.arrayBounds else 0,
        with_time_zone=canonical.endswith("with time zone"),
        span=span,
    )
    return result, serial


def type_end(node: Any, source: Source) -> int | None:
    """The offset after a TypeName as written, when it has a location."""
    if node.location is None:
        return None
    return _extent(source, node.location)[0]


def _typmod(mod: Any) -> str:
    value = constant(mod)
    return "" if value is None else str(value[1])


def _extent(source: Source, start: int) -> tuple[int, tuple[str, ...]]:
    """The offset after the type written at `start`, and its parameters as written."""
    tokens = source.tokens
    index = source.index_at(start)
    if index >= len(tokens):
        return start, ()
    end = tokens[index].end
    first = tokens[index].upper
    parameters: tuple[str, ...] = ()
    index += 1
    while index < len(tokens):
        token = tokens[index]
        if token.text == "." and index + 1 < len(tokens):
            end = tokens[index + 1].end
            index += 2
            continue
        if token.text == "(":
            close = source.group_end(index)
            if not parameters:
                inner_start, inner_end = token.end, tokens[close].start
                parameters = tuple(
                    source.slice(part, source.element_end(part, inner_end)).strip()
                    for part in source.list_starts(inner_start, inner_end)
                )
            end = tokens[close].end
            index = close + 1
            continue
        if token.text == "[":
            close = source.group_end(index)
            end = tokens[close].end
            index = close + 1
            continue
        word = token.upper
        following = tokens[index + 1].upper if index + 1 < len(tokens) else ""
        if (
            word in _CONTINUATIONS
            or (word in ("WITH", "WITHOUT") and following == "TIME")
            or (word in ("CHARACTER", "CHAR") and first == "NATIONAL")
            or (word in _INTERVAL_FIELDS and first == "INTERVAL")
        ):
            end = token.end
            index += 1
            continue
        break
    return end, parameters
