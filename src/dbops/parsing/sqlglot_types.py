"""Column types as written, and the name each engine's catalog gives them.

MySQL/MariaDB: `TypeName.name` is information_schema's DATA_TYPE (`INTEGER` -> `int`, `BOOL` ->
`tinyint` with parameter 1, `LONG VARCHAR` -> `mediumtext`, `REAL` -> `double`, `FLOAT(30)` ->
`double`), read from the words as written rather than from sqlglot's type, which merges
several (`TIMESTAMP` becomes `TIMESTAMPTZ`). SQLite: the declared type, lower case, as written
(`unsigned big int`, `varchar(255)`): SQLite keeps declared types as free text.
"""

from __future__ import annotations

from sqlglot.tokenizer_core import TokenType

from dbops.core.sqlite_types import CONSTRAINT_WORDS
from dbops.core.statements import TypeName
from dbops.parsing.sqlglot_tokens import Reader

# Single-word MySQL type spellings and their DATA_TYPE (MariaDB 10.11 checked).
MYSQL_TYPES = {
    **dict.fromkeys(["INT", "INTEGER", "INT4"], "int"),
    **dict.fromkeys(["TINYINT", "INT1"], "tinyint"),
    **dict.fromkeys(["SMALLINT", "INT2"], "smallint"),
    **dict.fromkeys(["MEDIUMINT", "INT3", "MIDDLEINT"], "mediumint"),
    **dict.fromkeys(["BIGINT", "INT8"], "bigint"),
    **dict.fromkeys(["BOOL", "BOOLEAN"], "tinyint"),
    **dict.fromkeys(["REAL", "DOUBLE", "FLOAT8"], "double"),
    **dict.fromkeys(["FLOAT", "FLOAT4"], "float"),
    **dict.fromkeys(["DECIMAL", "DEC", "NUMERIC", "FIXED"], "decimal"),
    **dict.fromkeys(["CHAR", "CHARACTER", "NCHAR"], "char"),
    **dict.fromkeys(["VARCHAR", "NVARCHAR", "VARCHARACTER"], "varchar"),
    "LONG": "mediumtext",
    "SERIAL": "bigint",
    "GEOMCOLLECTION": "geometrycollection",
}
# Two-word spellings (`NATIONAL` is dropped before these are looked up).
MYSQL_TWO_WORD_TYPES = {
    ("DOUBLE", "PRECISION"): "double",
    ("LONG", "VARCHAR"): "mediumtext",
    ("LONG", "VARBINARY"): "mediumblob",
    ("LONG", "BINARY"): "mediumblob",
    ("CHARACTER", "VARYING"): "varchar",
    ("CHAR", "VARYING"): "varchar",
    ("NCHAR", "VARCHAR"): "varchar",
    ("NCHAR", "VARYING"): "varchar",
}
# Words that may follow a MySQL type's parameters and still belong to the type.
TYPE_ATTRIBUTES = frozenset(["UNSIGNED", "SIGNED", "ZEROFILL"])


def read_type(reader: Reader, start: int, end: int) -> tuple[TypeName | None, int]:
    """The type whose tokens start at `start` (a column definition ends at `end` inclusive),
    and the index of the first token after it."""
    if start > end:
        return None, start
    if reader.dialect == "sqlite":
        return _sqlite_type(reader, start, end)
    return _mysql_type(reader, start, end)


def _mysql_type(reader: Reader, start: int, end: int) -> tuple[TypeName | None, int]:
    index = start
    if reader.word(index) == "NATIONAL":
        index += 1
    first, second = reader.word(index), reader.word(index + 1)
    if not first:
        return None, start
    if (first, second) in MYSQL_TWO_WORD_TYPES and index + 1 <= end:
        base = MYSQL_TWO_WORD_TYPES[(first, second)]
        index += 2
    else:
        base = MYSQL_TYPES.get(first, first.lower())
        index += 1
    parameters: tuple[str, ...] = ()
    if index <= end and reader.is_open(index):
        close = reader.partner(index)
        parameters = tuple(reader.range_text(part) for part in reader.split(index + 1, close - 1))
        index = close + 1
    unsigned = zerofill = False
    while index <= end and reader.word(index) in TYPE_ATTRIBUTES:
        unsigned = unsigned or reader.word(index) in ("UNSIGNED", "ZEROFILL")
        zerofill = zerofill or reader.word(index) == "ZEROFILL"
        index += 1
    if first in ("BOOL", "BOOLEAN"):
        parameters = ("1",)
    elif first == "SERIAL":
        unsigned = True
    elif base == "float" and parameters and parameters[0].isdigit() and int(parameters[0]) > 24:
        base = "double"
    written = reader.text(start, index - 1)
    return (
        TypeName(
            name=base,
            written=written,
            parameters=parameters,
            unsigned=unsigned,
            zerofill=zerofill,
            span=reader.span(start, index - 1),
        ),
        index,
    )


def _sqlite_type(reader: Reader, start: int, end: int) -> tuple[TypeName | None, int]:
    """SQLite's grammar: a type name is one or more names, then optionally `(n)` or `(n, m)`;
    it ends where a column constraint starts."""
    index = start
    while index <= end and _sqlite_type_word(reader, index):
        index += 1
    if index == start:
        return None, start
    parameters: tuple[str, ...] = ()
    if index <= end and reader.is_open(index):
        close = reader.partner(index)
        parameters = tuple(reader.range_text(part) for part in reader.split(index + 1, close - 1))
        index = close + 1
    written = reader.text(start, index - 1)
    # SQLite keeps the declared type's text verbatim; a quoted name loses its quotes (and
    # then its parameters): `"my type"` is `my type`.
    quoted = any(reader.type_at(i) == TokenType.IDENTIFIER for i in range(start, index))
    declared = written
    if quoted:
        words_end = index if not parameters else reader.partner(index - 1)
        declared = " ".join(reader.tokens[i].text for i in range(start, words_end))
    return (
        TypeName(
            name=declared.lower(),
            written=written,
            parameters=parameters,
            span=reader.span(start, index - 1),
        ),
        index,
    )


def _sqlite_type_word(reader: Reader, index: int) -> bool:
    kind = reader.type_at(index)
    if kind in (None, TokenType.L_PAREN, TokenType.R_PAREN, TokenType.COMMA, TokenType.STRING):
        return False
    word = reader.word(index)
    if kind == TokenType.IDENTIFIER:
        return True
    return bool(word) and word not in CONSTRAINT_WORDS and word.replace("_", "").isalnum()
