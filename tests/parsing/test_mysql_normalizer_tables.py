"""MySQL CREATE TABLE and CREATE INDEX from sqlglot's trees into the model: names, types,
column attributes, constraints, inline indexes, table options and spans."""

from __future__ import annotations

from typing import Any

from dbops.core.sql import parse_sql
from dbops.core.statements import (
    ConstraintKind,
    CreateIndex,
    CreateTable,
    CreateTableAs,
    ExprKind,
    Generated,
    Span,
    Statement,
)
from dbops.parsing import typed_statements


def typed(sql: str) -> tuple[Statement, ...]:
    return typed_statements(parse_sql(sql, "mysql"), "mysql")


def one(sql: str, kind: type[Any]) -> Any:
    (statement,) = typed(sql)
    assert isinstance(statement, kind), statement
    return statement


def columns_by_name(table: CreateTable) -> dict[str, Any]:
    return {column.name.value: column for column in table.columns}


BOOKS = """\
-- the first migration
CREATE TABLE IF NOT EXISTS `techBook` (
  Id INT UNSIGNED ZEROFILL NOT NULL AUTO_INCREMENT PRIMARY KEY,
  title VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT 'x' COMMENT 'the title',
  updated_at TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  next_id INT GENERATED ALWAYS AS (Id + 1) STORED,
  shown INT AS (Id * 2) VIRTUAL,
  author_id BIGINT UNIQUE REFERENCES authors(id) ON DELETE CASCADE,
  pages INT CHECK (pages > 0),
  price DECIMAL(10, 2) NOT NULL DEFAULT -1,
  flag BOOL DEFAULT FALSE,
  uid VARCHAR(36) DEFAULT (uuid()),
  PRIMARY KEY (Id),
  UNIQUE KEY uk_title (title(10)),
  KEY idx_author (author_id, pages DESC) USING BTREE,
  FULLTEXT KEY ft_title (title),
  CONSTRAINT fk_author FOREIGN KEY (author_id) REFERENCES authors (id) ON UPDATE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin COMMENT='books' AUTO_INCREMENT=5;
"""


def test_create_table_names_keep_table_case_and_fold_columns() -> None:
    table = one(BOOKS, CreateTable)
    assert table.table.name.value == "techBook"
    assert table.table.name.written == "techBook"
    assert table.table.name.quoted
    assert table.if_not_exists
    first = table.columns[0]
    assert (first.name.value, first.name.written) == ("id", "Id")
    assert [c.name.value for c in table.columns][:3] == ["id", "title", "updated_at"]


def test_create_table_column_types_and_attributes() -> None:
    columns = columns_by_name(one(BOOKS, CreateTable))
    key = columns["id"]
    assert key.type.name == "int"
    assert key.type.written == "INT UNSIGNED ZEROFILL"
    assert key.type.unsigned and key.type.zerofill
    assert key.not_null and key.auto_increment and key.primary_key and not key.nullable
    title = columns["title"]
    assert (title.type.name, title.type.parameters, title.type.length) == ("varchar", ("255",), 255)
    assert (title.charset, title.collation) == ("utf8mb4", "utf8mb4_bin")
    assert title.type.charset == "utf8mb4"
    assert title.default.text == "'x'" and title.default.kind is ExprKind.LITERAL
    assert title.comment == "the title"
    updated = columns["updated_at"]
    assert updated.type.name == "timestamp"
    assert updated.null_written and not updated.not_null
    assert updated.default.text == "CURRENT_TIMESTAMP"
    assert updated.default.kind is ExprKind.FUNCTION
    assert updated.default.name == "current_timestamp"
    assert updated.on_update.text == "CURRENT_TIMESTAMP"
    assert columns["price"].type.parameters == ("10", "2")
    assert columns["price"].type.name == "decimal"
    assert columns["price"].default.text == "-1"
    assert columns["flag"].type.name == "tinyint"
    assert columns["flag"].type.parameters == ("1",)
    assert columns["uid"].default.text == "(uuid())"
    assert columns["uid"].default.name == "uuid"


def test_create_table_generated_columns() -> None:
    columns = columns_by_name(one(BOOKS, CreateTable))
    assert columns["next_id"].generated is Generated.STORED
    assert columns["next_id"].generated_expr.text == "Id + 1"
    assert columns["shown"].generated is Generated.VIRTUAL
    assert columns["shown"].generated_expr.text == "Id * 2"


def test_create_table_inline_constraints() -> None:
    columns = columns_by_name(one(BOOKS, CreateTable))
    kinds = [c.kind for c in columns["author_id"].constraints]
    assert kinds == [ConstraintKind.UNIQUE, ConstraintKind.FOREIGN_KEY]
    reference = columns["author_id"].constraints[1].references
    assert reference.table.name.value == "authors"
    assert [c.value for c in reference.columns] == ["id"]
    assert reference.on_delete == "CASCADE"
    check = columns["pages"].constraints[0]
    assert check.kind is ConstraintKind.CHECK
    assert check.check.text == "pages > 0"
    assert check.span == Span(9, 13, 9, 29)


def test_create_table_level_constraints_and_indexes() -> None:
    table = one(BOOKS, CreateTable)
    kinds = [(c.kind, c.name.value if c.name else None) for c in table.constraints]
    assert kinds == [
        (ConstraintKind.PRIMARY_KEY, None),
        (ConstraintKind.UNIQUE, "uk_title"),
        (ConstraintKind.FOREIGN_KEY, "fk_author"),
    ]
    assert [c.value for c in table.constraints[0].columns] == ["id"]
    assert table.constraints[2].references.on_update == "SET NULL"
    assert table.constraints[2].span == Span(17, 3, 17, 89)
    by_index = {index.name.value: index for index in table.indexes}
    author = by_index["idx_author"]
    assert author.method == "BTREE"
    assert [(e.column.value, e.descending) for e in author.elements] == [
        ("author_id", False),
        ("pages", True),
    ]
    assert by_index["ft_title"].method == "FULLTEXT"
    assert author.span == Span(15, 3, 15, 52)


def test_create_table_options_are_normalized() -> None:
    table = one(BOOKS, CreateTable)
    assert table.options == (
        ("ENGINE", "InnoDB"),
        ("CHARSET", "utf8mb4"),
        ("COLLATE", "utf8mb4_bin"),
        ("COMMENT", "books"),
        ("AUTO_INCREMENT", "5"),
    )
    assert table.option("CHARSET") == "utf8mb4"
    character_set = one("CREATE TABLE t (a int) CHARACTER SET = latin1", CreateTable)
    assert character_set.option("CHARSET") == "latin1"


def test_create_table_spans_point_at_each_column() -> None:
    table = one(BOOKS, CreateTable)
    assert table.span.line == 2
    columns = columns_by_name(table)
    assert columns["id"].span == Span(3, 3, 3, 62)
    assert columns["id"].name.span == Span(3, 3, 3, 4)
    assert columns["id"].type.span == Span(3, 6, 3, 26)
    assert columns["title"].default.span == Span(4, 72, 4, 74)
    assert columns["updated_at"].span.line == 5


def test_mysql_type_names_are_information_schema_data_types() -> None:
    sql = (
        "CREATE TABLE t (a LONG VARCHAR, b LONG, c INTEGER, d REAL, e NUMERIC(5,2), "
        "f DOUBLE PRECISION, g NATIONAL VARCHAR(10), h SERIAL, i INT8, j FLOAT(30), "
        "k POINT, l GEOMETRY, m MULTIPOLYGON, n JSON, o ENUM('a','b'), p BIT(1), "
        "q LONGTEXT, r MEDIUMINT, s DATETIME(6), t1 CHARACTER VARYING(5), u SET('x','y'))"
    )
    columns = columns_by_name(one(sql, CreateTable))
    names = {key: column.type.name for key, column in columns.items()}
    assert names == {
        "a": "mediumtext",
        "b": "mediumtext",
        "c": "int",
        "d": "double",
        "e": "decimal",
        "f": "double",
        "g": "varchar",
        "h": "bigint",
        "i": "bigint",
        "j": "double",
        "k": "point",
        "l": "geometry",
        "m": "multipolygon",
        "n": "json",
        "o": "enum",
        "p": "bit",
        "q": "longtext",
        "r": "mediumint",
        "s": "datetime",
        "t1": "varchar",
        "u": "set",
    }
    assert columns["o"].type.parameters == ("'a'", "'b'")
    assert columns["a"].type.written == "LONG VARCHAR"
    serial = columns["h"]
    assert serial.type.unsigned and serial.auto_increment and serial.not_null


def test_create_table_like_temporary_and_partitions() -> None:
    like = one("CREATE TEMPORARY TABLE IF NOT EXISTS t2 LIKE t1", CreateTable)
    assert like.temporary and like.if_not_exists
    assert like.like is not None and like.like.name.value == "t1"
    partitioned = one(
        "CREATE TABLE logs (id INT, created DATE) PARTITION BY RANGE (YEAR(created)) "
        "(PARTITION p2023 VALUES LESS THAN (2024), PARTITION pmax VALUES LESS THAN MAXVALUE)",
        CreateTable,
    )
    assert partitioned.partition_by == "RANGE (YEAR(created))"
    assert [p.value for p in partitioned.partitions] == ["p2023", "pmax"]


def test_create_table_in_a_database_keeps_both_cases() -> None:
    table = one("CREATE TABLE Shop.`Orders` (ID int)", CreateTable)
    assert table.table.schema is not None and table.table.schema.value == "Shop"
    assert table.table.name.value == "Orders"
    assert table.table.key() == "Shop.Orders"


def test_create_table_as_select() -> None:
    statement = one(
        "CREATE TABLE archive AS SELECT o.id, o.total AS amount, CAST(o.note AS CHAR(20)) AS note "
        "FROM orders o WHERE o.created < '2020-01-01'",
        CreateTableAs,
    )
    assert statement.table.name.value == "archive"
    assert [c.name.value for c in statement.columns] == ["id", "amount", "note"]
    assert statement.columns[2].type is not None
    assert statement.columns[2].type.name == "char"
    assert statement.column_sources == (("id", "orders.id"), ("amount", "orders.total"))
    assert statement.query.where is not None
    assert statement.query.where.text == "o.created < '2020-01-01'"


def test_create_index_forms() -> None:
    before = one(
        "CREATE UNIQUE INDEX idx USING BTREE ON t (a(10), b DESC) ALGORITHM=INPLACE", CreateIndex
    )
    assert before.unique and before.method == "BTREE" and before.algorithm == "INPLACE"
    assert before.name is not None and before.name.value == "idx"
    assert [(e.column.value, e.prefix_length, e.descending) for e in before.elements] == [
        ("a", 10, False),
        ("b", None, True),
    ]
    after = one("CREATE INDEX i ON Shop.T (a) USING HASH LOCK=NONE", CreateIndex)
    assert after.method == "HASH" and after.lock == "NONE"
    assert after.table.written == "Shop.T"
    fulltext = one("CREATE FULLTEXT INDEX ft ON t (body)", CreateIndex)
    assert fulltext.method == "FULLTEXT" and not fulltext.unique
    spatial = one("CREATE SPATIAL INDEX sp ON t (g)", CreateIndex)
    assert spatial.method == "SPATIAL"
    plain = one("CREATE INDEX Idx_A ON t (a)", CreateIndex)
    assert plain.name is not None
    assert (plain.name.value, plain.name.written) == ("idx_a", "Idx_A")
    functional = one("CREATE INDEX f ON t ((lower(email)))", CreateIndex)
    assert functional.elements[0].expression is not None
    assert functional.elements[0].expression.name == "lower"


def test_create_table_select_star_names_the_copied_table() -> None:
    star = one("CREATE TABLE t SELECT * FROM Orders", CreateTableAs)
    assert star.column_sources == (("*", "Orders.*"),)
    joined = one(
        "CREATE TABLE t3 AS SELECT u.*, v.x FROM users u JOIN v ON u.id = v.id", CreateTableAs
    )
    assert joined.column_sources == (("*", "users.*"), ("x", "v.x"))
    assert [c.name.value for c in joined.columns] == ["x"]


def test_column_attributes_and_options_sqlglot_does_not_know() -> None:
    table = one(
        "CREATE TABLE t (a INT VISIBLE, b INT COLUMN_FORMAT FIXED NOT NULL, c BLOB COMPRESSED, "
        "d INT WITHOUT SYSTEM VERSIONING) STORAGE DISK",
        CreateTable,
    )
    assert [(c.name.value, c.type.name) for c in table.columns] == [
        ("a", "int"),
        ("b", "int"),
        ("c", "blob"),
        ("d", "int"),
    ]
    assert table.columns[1].not_null
    assert table.options == (("STORAGE", "DISK"),)


def test_defaults_of_every_literal_form() -> None:
    table = one(
        "CREATE TABLE t (a BIT(1) DEFAULT b'0', b VARCHAR(3) DEFAULT _utf8mb4'abc', "
        "c BLOB DEFAULT x'AF', d INT DEFAULT 0x1F, e INT DEFAULT -1, f INT DEFAULT NULL, "
        "g DATE DEFAULT (CURRENT_DATE), h TIMESTAMP DEFAULT NOW())",
        CreateTable,
    )
    defaults = [(c.default.kind, c.default.text) for c in table.columns]
    assert defaults == [
        (ExprKind.LITERAL, "b'0'"),
        (ExprKind.LITERAL, "_utf8mb4'abc'"),
        (ExprKind.LITERAL, "x'AF'"),
        (ExprKind.LITERAL, "0x1F"),
        (ExprKind.LITERAL, "-1"),
        (ExprKind.NULL, "NULL"),
        (ExprKind.FUNCTION, "(CURRENT_DATE)"),
        (ExprKind.FUNCTION, "NOW()"),
    ]


def test_create_index_prefix_lengths_sqlglot_reads_as_calls() -> None:
    index = one("CREATE UNIQUE INDEX i ON t (A(10) DESC, b)", CreateIndex)
    first, second = index.elements
    assert first.column is not None and (first.column.value, first.column.written) == ("a", "A")
    assert (first.prefix_length, first.descending) == (10, True)
    assert second.column is not None and second.prefix_length is None
    serial = one("CREATE TABLE t (id SERIAL)", CreateTable).columns[0]
    assert serial.serial and serial.auto_increment and serial.type.name == "bigint"


def test_index_methods_before_or_after_the_key_parts() -> None:
    table = one(
        "CREATE TABLE t (id INT, a INT, KEY k USING HASH (a), KEY k2 (a) USING BTREE, "
        "PRIMARY KEY USING BTREE (id))",
        CreateTable,
    )
    assert [(i.name.value, i.method) for i in table.indexes if i.name] == [
        ("k", "HASH"),
        ("k2", "BTREE"),
    ]
    assert table.constraints[0].kind is ConstraintKind.PRIMARY_KEY
    assert [c.value for c in table.constraints[0].columns] == ["id"]


def test_create_table_as_select_keeps_its_options() -> None:
    ctas = one(
        "CREATE TABLE t2 ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 AS SELECT a FROM t", CreateTableAs
    )
    assert ctas.options == (("ENGINE", "InnoDB"), ("CHARSET", "utf8mb4"))
    assert ctas.option("CHARSET") == "utf8mb4"
    assert one("CREATE TEMPORARY TABLE t3 AS SELECT a FROM t", CreateTableAs).temporary
