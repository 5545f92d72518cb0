"""Shapes of MySQL statements that the MySQL rules look for: table options (`ENGINE=`,
`CHARSET=`, `AUTO_INCREMENT=`), `MODIFY`/`CHANGE COLUMN` actions, auto-increment columns and
the families of MySQL column types."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from sqlglot import exp

from dbops.rules.shapes import (
    alter_table,
    column_definitions,
    create_table,
    data_type,
    has_constraint,
    type_name,
)

# MySQL's string types and the longest value each holds (bytes or characters, as MySQL counts).
TEXT_LENGTHS = {
    "TINYTEXT": 255,
    "TEXT": 65_535,
    "MEDIUMTEXT": 16_777_215,
    "LONGTEXT": 4_294_967_295,
}
CHAR_TYPES = frozenset({"CHAR", "VARCHAR", "NCHAR", "NVARCHAR"})
TEXT_TYPES = frozenset(TEXT_LENGTHS) | CHAR_TYPES | {"ENUM", "SET"}
BLOB_TYPES = frozenset({"TINYBLOB", "BLOB", "MEDIUMBLOB", "LONGBLOB", "BINARY", "VARBINARY"})
LOB_TYPES = frozenset(TEXT_LENGTHS) | BLOB_TYPES | {"JSON", "GEOMETRY"}
INTEGER_TYPES = frozenset({"TINYINT", "SMALLINT", "MEDIUMINT", "INT", "BIGINT"})
UNSIGNED_TYPES = frozenset({"UTINYINT", "USMALLINT", "UMEDIUMINT", "UINT", "UBIGINT"})


def table_options(tree: exp.Expression | None) -> list[exp.Expression]:
    """The options of `CREATE TABLE … ENGINE=… CHARSET=…` or `ALTER TABLE t ENGINE=…`."""
    if create_table(tree) is not None:
        assert isinstance(tree, exp.Create)
        properties = tree.args.get("properties")
        return list(properties.expressions) if isinstance(properties, exp.Properties) else []
    if alter_table(tree) is not None:
        assert isinstance(tree, exp.Alter)
        return list(tree.args.get("options") or [])
    return []


def created_table_without_option(
    tree: exp.Expression | None, option: type[exp.Expression]
) -> str | None:
    """The name of a table a `CREATE TABLE` (not `… LIKE`) creates without `option`, if any."""
    created = create_table(tree)
    if created is None or tree is None or tree.find(exp.LikeProperty) is not None:
        return None
    if any(isinstance(existing, option) for existing in table_options(tree)):
        return None
    return created[0].name


def modified_columns(tree: exp.Expression | None) -> Iterator[exp.ModifyColumn]:
    """`ALTER TABLE t MODIFY a …` and `ALTER TABLE t CHANGE a b …` actions."""
    altered = alter_table(tree)
    for action in altered[1] if altered else []:
        if isinstance(action, exp.ModifyColumn) and isinstance(action.this, exp.ColumnDef):
            yield action


def is_auto_increment(definition: exp.ColumnDef) -> bool:
    return has_constraint(definition, exp.AutoIncrementColumnConstraint)


def base_type(definition: exp.ColumnDef) -> str:
    """`INT` for `int unsigned` too (sqlglot spells it `UINT`)."""
    name = type_name(data_type(definition))
    return name[1:] if name in UNSIGNED_TYPES else name


def is_unsigned(definition: exp.ColumnDef) -> bool:
    return type_name(data_type(definition)) in UNSIGNED_TYPES


def is_text_column(definition: exp.ColumnDef) -> bool:
    return base_type(definition) in TEXT_TYPES


def defined_columns(tree: exp.Expression | None) -> Iterator[exp.ColumnDef]:
    """Every column definition of the statement: CREATE TABLE, ADD COLUMN, MODIFY, CHANGE."""
    for site in column_definitions(tree):
        yield site.definition
    for action in modified_columns(tree):
        assert isinstance(action.this, exp.ColumnDef)
        yield action.this


def table_charset_words(words: tuple[str, ...]) -> bool:
    """Whether an opaque `ALTER TABLE` sets a character set (`CONVERT TO CHARACTER SET …`)."""
    return words[:2] == ("ALTER", "TABLE") and (
        "CHARSET" in words or ("CHARACTER", "SET") in pairwise(words)
    )


def column_type_word(type_text: str) -> str:
    """`INT` from the schema model's `INT UNSIGNED`, `VARCHAR` from `VARCHAR(30)`."""
    word = type_text.strip().split("(", 1)[0].split(" ", 1)[0]
    return word.upper()
