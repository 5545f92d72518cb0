"""MySQL/MariaDB rules on MySQL syntax beyond their documented examples: table options,
MODIFY/CHANGE COLUMN, auto-increment columns, statements sqlglot keeps opaque."""

from __future__ import annotations

from typing import Any

from dbops.core.schema import SchemaModel
from dbops.core.sql import parse_sql
from dbops.rules.base import Rule
from dbops.rules.column_auto_increment_initial_value import ColumnAutoIncrementInitialValue
from dbops.rules.column_auto_increment_must_integer import ColumnAutoIncrementMustInteger
from dbops.rules.column_auto_increment_must_unsigned import ColumnAutoIncrementMustUnsigned
from dbops.rules.column_current_time_count_limit import ColumnCurrentTimeCountLimit
from dbops.rules.column_disallow_change import ColumnDisallowChange
from dbops.rules.column_disallow_changing_order import ColumnDisallowChangingOrder
from dbops.rules.column_disallow_set_charset import ColumnDisallowSetCharset
from dbops.rules.column_require_charset import ColumnRequireCharset
from dbops.rules.column_set_default_for_not_null import ColumnSetDefaultForNotNull
from dbops.rules.engine_mysql_use_innodb import EngineMysqlUseInnodb
from dbops.rules.naming_column_auto_increment import NamingColumnAutoIncrement
from dbops.rules.table_disallow_set_charset import TableDisallowSetCharset
from dbops.rules.table_require_charset import TableRequireCharset
from tests.rules.helpers import lines_of

USERS = "CREATE TABLE users (id bigint unsigned AUTO_INCREMENT PRIMARY KEY, name varchar(50));"


def mysql(rule: type[Rule], sql: str, history: str = "", **kwargs: Any) -> list[int]:
    return lines_of(rule, sql, history, dialect="mysql", **kwargs)


def test_schema_model_follows_change_and_modify_column() -> None:
    model = SchemaModel(dialect="mysql")
    sql = (
        USERS + "\nALTER TABLE users CHANGE COLUMN name full_name varchar(80) NOT NULL;"
        "\nALTER TABLE users ADD KEY idx_full_name (full_name), ADD UNIQUE KEY uk_n (full_name);"
    )
    for statement in parse_sql(sql, "mysql").statements:
        model.apply(statement)
    column = model.tables["users"].columns["full_name"]
    assert (column.type, column.nullable) == ("VARCHAR(80)", False)
    assert "name" not in model.tables["users"].columns
    assert {(i.name, i.kind) for i in model.table_indexes("users")} >= {
        ("idx_full_name", "index"),
        ("uk_n", "unique"),
    }


def test_engine_in_alter_table_in_opaque_statements_and_in_set() -> None:
    assert mysql(EngineMysqlUseInnodb, "ALTER TABLE users ENGINE=MyISAM;", USERS) == [1]
    assert mysql(EngineMysqlUseInnodb, "ALTER TABLE users ENGINE=InnoDB;", USERS) == []
    partitioned = "CREATE TABLE p (id int) ENGINE=MEMORY PARTITION BY HASH(id) PARTITIONS 4;"
    assert mysql(EngineMysqlUseInnodb, partitioned) == [1]
    assert mysql(EngineMysqlUseInnodb, "SET default_storage_engine = MyISAM;") == [1]
    assert mysql(EngineMysqlUseInnodb, "CREATE TABLE q (id int) ENGINE = innodb;") == []


def test_charset_rules_see_alter_table_forms() -> None:
    convert = "ALTER TABLE users CONVERT TO CHARACTER SET latin1;"
    assert mysql(TableDisallowSetCharset, convert, USERS) == [1]
    assert mysql(TableDisallowSetCharset, "ALTER TABLE users DEFAULT CHARSET=latin1;", USERS) == [1]
    modify = "ALTER TABLE users MODIFY name varchar(50) CHARACTER SET latin1;"
    assert mysql(ColumnDisallowSetCharset, modify, USERS) == [1]
    assert mysql(ColumnRequireCharset, "ALTER TABLE users ADD COLUMN age int;", USERS) == []
    assert mysql(TableRequireCharset, "CREATE TABLE copy LIKE users;", USERS) == []


def test_auto_increment_columns_added_or_modified() -> None:
    add = "ALTER TABLE t ADD COLUMN n int AUTO_INCREMENT UNIQUE;"
    assert mysql(ColumnAutoIncrementMustUnsigned, add) == [1]
    modify = "ALTER TABLE users MODIFY id decimal(20) AUTO_INCREMENT;"
    assert mysql(ColumnAutoIncrementMustInteger, modify, USERS) == [1]
    assert mysql(ColumnAutoIncrementMustUnsigned, USERS) == []
    assert mysql(NamingColumnAutoIncrement, add) == [1]
    assert mysql(NamingColumnAutoIncrement, add, options={"format": "^(id|n)$"}) == []


def test_auto_increment_initial_value_option() -> None:
    sql = "ALTER TABLE users AUTO_INCREMENT=1000;"
    assert mysql(ColumnAutoIncrementInitialValue, sql, USERS) == [1]
    assert mysql(ColumnAutoIncrementInitialValue, sql, USERS, options={"number": 1000}) == []


def test_not_null_default_exemptions() -> None:
    sql = (
        "CREATE TABLE t (\n  a int NOT NULL,\n  b text NOT NULL,\n  c int NOT NULL AUTO_INCREMENT,"
        "\n  d int NOT NULL DEFAULT 0,\n  PRIMARY KEY (a), KEY (c)\n);"
    )
    assert mysql(ColumnSetDefaultForNotNull, sql) == []
    assert mysql(ColumnSetDefaultForNotNull, "ALTER TABLE users MODIFY name int NOT NULL;") == [1]


def test_change_and_column_order() -> None:
    rename = "ALTER TABLE users CHANGE name full_name varchar(50);"
    assert mysql(ColumnDisallowChange, rename, USERS) == [1]
    assert mysql(ColumnDisallowChange, "ALTER TABLE users RENAME COLUMN name TO n;", USERS) == []
    first = "ALTER TABLE users CHANGE name name varchar(50) FIRST;"
    assert mysql(ColumnDisallowChangingOrder, first, USERS) == [1]
    add_after = "ALTER TABLE users ADD COLUMN email text AFTER id;"
    assert mysql(ColumnDisallowChangingOrder, add_after, USERS) == []


def test_current_time_limits_count_each_clock_function() -> None:
    sql = (
        "CREATE TABLE t (a datetime DEFAULT CURRENT_TIMESTAMP(3), b datetime DEFAULT now(),"
        " c datetime DEFAULT LOCALTIMESTAMP, d datetime);"
    )
    assert mysql(ColumnCurrentTimeCountLimit, sql) == [1]
    updates = "CREATE TABLE t (a datetime ON UPDATE NOW(), b datetime ON UPDATE NOW());"
    assert mysql(ColumnCurrentTimeCountLimit, updates) == [1]
