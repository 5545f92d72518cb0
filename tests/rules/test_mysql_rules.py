"""MySQL/MariaDB rules on MySQL syntax beyond their documented examples: table options,
MODIFY/CHANGE COLUMN, auto-increment columns, statements sqlglot keeps opaque."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dbops.adapters.policy_files import load_policy
from dbops.core.schema import SchemaModel
from dbops.core.sql import parse_sql
from dbops.parsing import typed_statements
from dbops.rules.base import Rule, bytebase_enum_name
from dbops.rules.column_auto_increment_initial_value import ColumnAutoIncrementInitialValue
from dbops.rules.column_auto_increment_must_integer import ColumnAutoIncrementMustInteger
from dbops.rules.column_auto_increment_must_unsigned import ColumnAutoIncrementMustUnsigned
from dbops.rules.column_current_time_count_limit import ColumnCurrentTimeCountLimit
from dbops.rules.column_disallow_change import ColumnDisallowChange
from dbops.rules.column_disallow_changing_order import ColumnDisallowChangingOrder
from dbops.rules.column_disallow_drop_in_index import ColumnDisallowDropInIndex
from dbops.rules.column_disallow_set_charset import ColumnDisallowSetCharset
from dbops.rules.column_require_charset import ColumnRequireCharset
from dbops.rules.column_set_default_for_not_null import ColumnSetDefaultForNotNull
from dbops.rules.engine_mysql_use_innodb import EngineMysqlUseInnodb
from dbops.rules.index_pk_type_limit import IndexPkTypeLimit
from dbops.rules.index_type_allow_list import IndexTypeAllowList
from dbops.rules.index_type_no_blob import IndexTypeNoBlob
from dbops.rules.naming_column_auto_increment import NamingColumnAutoIncrement
from dbops.rules.registry import RULES
from dbops.rules.renaming_table import RenamingTable
from dbops.rules.schema_backward_compatibility import SchemaBackwardCompatibility
from dbops.rules.statement_disallow_limit import StatementDisallowLimit
from dbops.rules.statement_disallow_order_by import StatementDisallowOrderBy
from dbops.rules.statement_max_execution_time import StatementMaxExecutionTime
from dbops.rules.statement_maximum_statements_in_transaction import (
    StatementMaximumStatementsInTransaction,
)
from dbops.rules.statement_require_algorithm_option import StatementRequireAlgorithmOption
from dbops.rules.statement_require_lock_option import StatementRequireLockOption
from dbops.rules.statement_where_maximum_logical_operator_count import (
    StatementWhereMaximumLogicalOperatorCount,
)
from dbops.rules.statement_where_no_equal_null import StatementWhereNoEqualNull
from dbops.rules.system_event_disallow_create import SystemEventDisallowCreate
from dbops.rules.system_function_disallow_create import SystemFunctionDisallowCreate
from dbops.rules.system_function_disallowed_list import SystemFunctionDisallowedList
from dbops.rules.system_procedure_disallow_create import SystemProcedureDisallowCreate
from dbops.rules.system_view_disallow_create import SystemViewDisallowCreate
from dbops.rules.table_disallow_ddl import TableDisallowDdl
from dbops.rules.table_disallow_dml import TableDisallowDml
from dbops.rules.table_disallow_set_charset import TableDisallowSetCharset
from dbops.rules.table_disallow_trigger import TableDisallowTrigger
from dbops.rules.table_no_duplicate_index import TableNoDuplicateIndex
from dbops.rules.table_require_charset import TableRequireCharset
from dbops.rules.table_text_fields_total_length import TableTextFieldsTotalLength
from tests.rules.helpers import findings_of, lines_of

USERS = "CREATE TABLE users (id bigint unsigned AUTO_INCREMENT PRIMARY KEY, name varchar(50));"


def mysql(rule: type[Rule], sql: str, history: str = "", **kwargs: Any) -> list[int]:
    return lines_of(rule, sql, history, dialect="mysql", **kwargs)


def test_schema_model_follows_change_and_modify_column() -> None:
    model = SchemaModel(dialect="mysql")
    sql = (
        USERS + "\nALTER TABLE users CHANGE COLUMN name full_name varchar(80) NOT NULL;"
        "\nALTER TABLE users ADD KEY idx_full_name (full_name), ADD UNIQUE KEY uk_n (full_name);"
    )
    for statement in typed_statements(parse_sql(sql, "mysql"), "mysql"):
        model.apply(statement)
    column = model.tables["users"].columns["full_name"]
    assert (column.type, column.nullable) == ("varchar(80)", False)
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


def test_created_objects_are_read_through_definer_and_or_replace() -> None:
    view = (
        "CREATE OR REPLACE ALGORITHM=MERGE DEFINER=`root`@`localhost` SQL SECURITY DEFINER "
        "VIEW v AS SELECT 1;"
    )
    assert mysql(SystemViewDisallowCreate, view) == [1]
    assert mysql(SystemProcedureDisallowCreate, "CREATE DEFINER=u@h PROCEDURE p() SELECT 1;") == [1]
    assert mysql(
        SystemEventDisallowCreate, "CREATE DEFINER=u@h EVENT e ON SCHEDULE AT NOW() DO SELECT 1;"
    ) == [1]
    assert mysql(
        SystemFunctionDisallowCreate, "CREATE AGGREGATE FUNCTION f RETURNS STRING SONAME 'f.so';"
    ) == [1]
    assert mysql(SystemViewDisallowCreate, "CREATE TABLE `view` (id int PRIMARY KEY);") == []
    trigger = "CREATE DEFINER=u@h TRIGGER t BEFORE INSERT ON users FOR EACH ROW SET NEW.name = 'x';"
    assert mysql(TableDisallowTrigger, trigger, USERS) == [1]


def test_disallowed_functions_are_matched_as_written() -> None:
    sql = "INSERT INTO users (name) SELECT name FROM users WHERE id = 1 AND SLEEP(1) = 0;"
    assert mysql(SystemFunctionDisallowedList, sql, USERS) == [1]
    assert mysql(SystemFunctionDisallowedList, "SELECT `uuid` (1) FROM users;", USERS) == []
    custom = {"list": ["now"]}
    assert mysql(SystemFunctionDisallowedList, "SELECT NOW();", options=custom) == [1]


def test_limit_and_order_by_in_dml() -> None:
    assert mysql(StatementDisallowLimit, "UPDATE users SET name = 'a' WHERE id > 1 LIMIT 5;") == [1]
    copy = "INSERT INTO users (name) SELECT name FROM users ORDER BY id LIMIT 10;"
    assert mysql(StatementDisallowLimit, copy) == [1]
    assert mysql(StatementDisallowLimit, "SELECT * FROM users LIMIT 10;") == []
    assert mysql(StatementDisallowOrderBy, "DELETE FROM users WHERE id > 1 ORDER BY id;") == [1]
    assert mysql(StatementDisallowOrderBy, "SELECT name FROM users ORDER BY id;") == []


def test_equal_null_in_any_dialect() -> None:
    assert lines_of(StatementWhereNoEqualNull, "SELECT 1 FROM t WHERE NULL <> a;") == [1]
    assert lines_of(StatementWhereNoEqualNull, "UPDATE t SET a = NULL WHERE b = 1;") == []


def test_logical_operator_count_counts_a_whole_or_chain() -> None:
    ors = "SELECT 1 FROM t WHERE " + " OR ".join(f"a = {n}" for n in range(4)) + ";"
    rule = StatementWhereMaximumLogicalOperatorCount
    assert lines_of(rule, ors, options={"number": 3}) == [1]
    assert lines_of(rule, ors, options={"number": 4}) == []
    assert len(findings_of(rule, ors, options={"number": 3})) == 1


def test_statements_in_transaction_reset_at_boundaries() -> None:
    rule = StatementMaximumStatementsInTransaction
    three = "\n".join(f"UPDATE a SET x = 1 WHERE id = {n};" for n in range(3))
    assert mysql(rule, three, options={"number": 2}) == [3]
    split = three.replace("\n", "\nCOMMIT;\n", 1)
    assert mysql(rule, split, options={"number": 2}) == []
    ddl = three.replace("\n", "\nCREATE TABLE b (id int PRIMARY KEY);\n", 1)
    assert mysql(rule, ddl, options={"number": 2}) == []  # MySQL commits at DDL
    assert lines_of(rule, ddl, options={"number": 2}) == [4]  # PostgreSQL does not
    autocommit = "-- dbops:no-transaction\n" + three
    assert mysql(rule, autocommit, options={"number": 2}) == []
    explicit = "-- dbops:no-transaction\nBEGIN;\n" + three
    assert mysql(rule, explicit, options={"number": 2}) == [5]


def test_max_execution_time_is_reported_once_at_the_first_real_statement() -> None:
    sql = "SET NAMES utf8mb4;\nUPDATE users SET name = 'a' WHERE id = 1;\nDELETE FROM users;"
    assert mysql(StatementMaxExecutionTime, sql, USERS) == [2]
    limited = "SET NAMES utf8mb4;\nSET max_statement_time = 10;\n" + sql
    assert mysql(StatementMaxExecutionTime, limited, USERS) == []


def test_algorithm_and_lock_options_on_opaque_alter_table() -> None:
    sql = "ALTER TABLE users CONVERT TO CHARACTER SET utf8mb4, ALGORITHM=COPY, LOCK=SHARED;"
    assert mysql(StatementRequireAlgorithmOption, sql, USERS) == []
    assert mysql(StatementRequireLockOption, sql, USERS) == []
    plain = "ALTER TABLE users CONVERT TO CHARACTER SET utf8mb4;"
    assert mysql(StatementRequireLockOption, plain, USERS) == [1]


def test_frozen_tables_take_no_ddl_or_dml() -> None:
    frozen = {"list": ["Ledger"]}
    for sql in (
        "DROP TABLE IF EXISTS shop.ledger;",
        "RENAME TABLE ledger TO old_ledger;",
        "TRUNCATE ledger;",
        "CREATE TABLE IF NOT EXISTS `ledger` (id int PRIMARY KEY);",
    ):
        assert mysql(TableDisallowDdl, sql, options=frozen) == [1], sql
    assert mysql(TableDisallowDdl, "ALTER TABLE ledger2 ADD COLUMN a int;", options=frozen) == []
    assert mysql(TableDisallowDdl, "ALTER TABLE ledger ADD COLUMN a int;") == []  # no list
    for sql in (
        "REPLACE INTO ledger (id) VALUES (1);",
        "INSERT INTO shop.ledger (id) VALUES (1);",
        "DELETE FROM ledger WHERE id = 1;",
    ):
        assert mysql(TableDisallowDml, sql, options=frozen) == [1], sql
    assert mysql(TableDisallowDml, "INSERT INTO notes SELECT * FROM ledger;", options=frozen) == []


def test_index_rules_read_column_types_from_history() -> None:
    history = "CREATE TABLE notes (id varchar(36) NOT NULL, body longtext, title varchar(20));"
    add = "ALTER TABLE notes ADD PRIMARY KEY (id), ADD INDEX idx_body (body(20));"
    assert mysql(IndexPkTypeLimit, add, history) == [1]
    assert mysql(IndexTypeNoBlob, add, history) == [1]
    assert mysql(IndexTypeNoBlob, "CREATE INDEX i ON notes (title);", history) == []


def test_duplicate_indexes_across_statements_and_mysql_keys() -> None:
    sql = "CREATE TABLE t (id int PRIMARY KEY, a int, b int, KEY k1 (a, b), KEY k2 (b, a));"
    assert mysql(TableNoDuplicateIndex, sql) == []
    assert mysql(TableNoDuplicateIndex, "ALTER TABLE t ADD UNIQUE KEY uk (a, b);", sql) == [1]
    assert mysql(TableNoDuplicateIndex, "ALTER TABLE t ADD KEY k3 (a);", sql) == []


def test_dropping_an_indexed_mysql_column() -> None:
    history = "CREATE TABLE t (id int PRIMARY KEY, a int, b int, KEY k1 (a));"
    assert mysql(ColumnDisallowDropInIndex, "ALTER TABLE t DROP COLUMN a;", history) == [1]
    assert mysql(ColumnDisallowDropInIndex, "ALTER TABLE t DROP COLUMN b;", history) == []


def test_text_total_grows_only_when_text_is_added() -> None:
    history = "CREATE TABLE t (id int PRIMARY KEY, a varchar(900));"
    rule = TableTextFieldsTotalLength
    assert mysql(rule, "ALTER TABLE t ADD COLUMN b char(200);", history) == [1]
    assert mysql(rule, "ALTER TABLE t MODIFY a varchar(100);", history) == []
    big = history + "\nALTER TABLE t ADD COLUMN b tinytext;"
    assert mysql(rule, "ALTER TABLE t ADD INDEX i (a);", big) == []


def test_index_type_allow_list_on_opaque_create_index() -> None:
    allow = {"list": ["BTREE"]}
    history = "CREATE TABLE t (id int PRIMARY KEY, a int, g geometry NOT NULL);"
    hashed = "CREATE INDEX i ON t (a) USING HASH;"
    assert mysql(IndexTypeAllowList, hashed, history, options=allow) == [1]
    spatial = "ALTER TABLE t ADD SPATIAL INDEX sp (g);"
    assert mysql(IndexTypeAllowList, spatial, history, options=allow) == [1]
    assert mysql(IndexTypeAllowList, "CREATE INDEX i ON t (a);", history, options=allow) == []


def test_bytebase_templates_enable_the_mysql_rules(tmp_path: Path) -> None:
    """Everything Bytebase's prod template asks of MySQL is decided offline, except the rules
    that need a live database (row counts, dry runs) and the reserved-word list."""
    policy = load_policy("bytebase-prod", tmp_path, "mysql")
    active = {
        bytebase_enum_name(a.rule.bytebase_type) for a in policy.rules if a.rule.bytebase_type
    }
    assert {
        "ENGINE_MYSQL_USE_INNODB",
        "COLUMN_SET_DEFAULT_FOR_NOT_NULL",
        "INDEX_TYPE_NO_BLOB",
        "SYSTEM_FUNCTION_DISALLOWED_LIST",
        "STATEMENT_REQUIRE_LOCK_OPTION",
    } <= active
    banned = next(a.rule for a in policy.rules if isinstance(a.rule, SystemFunctionDisallowedList))
    assert getattr(banned.options, "values", None) == ["RAND", "UUID", "SLEEP"]


def test_every_rule_survives_a_realistic_mysql_migration() -> None:
    sql = (
        "SET SESSION max_execution_time = 60000;\n"
        "CREATE TABLE `orders` (\n  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,\n"
        "  `user_id` int(11) NOT NULL DEFAULT 0,\n  `note` text,\n"
        "  `created_at` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,\n"
        "  PRIMARY KEY (`id`),\n  KEY `idx_orders_user_id` (`user_id`)\n"
        ") ENGINE=InnoDB AUTO_INCREMENT=1 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;\n"
        "ALTER TABLE `orders` CHANGE `note` `remark` varchar(200) NULL AFTER `id`, "
        "ALGORITHM=INPLACE, LOCK=NONE;\n"
        "ALTER TABLE orders CONVERT TO CHARACTER SET utf8mb4;\n"
        "CREATE INDEX idx_orders_remark ON orders (remark(20)) USING BTREE;\n"
        "REPLACE INTO orders (id, user_id) VALUES (1, 2);\n"
        "UPDATE orders SET user_id = 3 WHERE id = 1 ORDER BY id LIMIT 1;\n"
        "RENAME TABLE orders TO orders_del;\nDROP TABLE orders_del;"
    )
    for rule in RULES:
        if rule.applies_to("mysql"):
            findings_of(rule, sql, dialect="mysql")  # no rule raises on MySQL's forms


def test_backward_compatibility_of_change_and_modify() -> None:
    rule = SchemaBackwardCompatibility
    assert mysql(rule, "ALTER TABLE users CHANGE name full_name varchar(50);", USERS) == [1]
    assert mysql(rule, "ALTER TABLE users MODIFY name varchar(20);", USERS) == [1]
    assert mysql(rule, "ALTER TABLE users MODIFY name varchar(50) NOT NULL;", USERS) == []
    assert mysql(rule, "RENAME TABLE users TO people;", USERS) == [1]


def test_rename_table_is_a_rename() -> None:
    assert mysql(RenamingTable, "RENAME TABLE users TO people;", USERS) == [1]
    assert mysql(RenamingTable, "RENAME USER a TO b;", USERS) == []
