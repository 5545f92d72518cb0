"""MySQL statements other than CREATE/ALTER TABLE into the model: DROP, TRUNCATE, SET,
transactions, USE, DML with the Query/Expr model, databases, routines, maintenance, GRANT,
what stays Unmodelled, and text after a valid statement."""

from __future__ import annotations

from typing import Any

from dbops.core.sql import parse_sql
from dbops.core.statements import (
    AlterSchema,
    CreateRoutine,
    CreateSchema,
    CreateView,
    Delete,
    Drop,
    DropIndex,
    ExprKind,
    Grant,
    Insert,
    Invalid,
    LockTable,
    Maintenance,
    Procedural,
    Select,
    SetSetting,
    Statement,
    TransactionControl,
    Truncate,
    Unmodelled,
    Update,
    UseDatabase,
)
from dbops.parsing import typed_statements


def typed(sql: str) -> tuple[Statement, ...]:
    return typed_statements(parse_sql(sql, "mysql"), "mysql")


def one(sql: str, kind: type[Any]) -> Any:
    (statement,) = typed(sql)
    assert isinstance(statement, kind), statement
    return statement


def test_drop_statements() -> None:
    tables = one("DROP TABLE IF EXISTS Orders, shop.Items", Drop)
    assert tables.object_kind == "TABLE" and tables.if_exists
    assert [n.written for n in tables.names] == ["Orders", "shop.Items"]
    assert tables.names[0].name.value == "Orders"
    assert one("DROP TEMPORARY TABLE tmp", Drop).temporary
    assert one("DROP VIEW v", Drop).object_kind == "VIEW"
    assert one("DROP DATABASE IF EXISTS Shop", Drop).object_kind == "DATABASE"
    assert one("DROP PROCEDURE IF EXISTS p", Drop).object_kind == "PROCEDURE"
    assert one("DROP EVENT IF EXISTS nightly", Drop).object_kind == "EVENT"
    index = one("DROP INDEX Idx_Email ON Users", DropIndex)
    assert [n.name.value for n in index.names] == ["idx_email"]
    assert index.table is not None and index.table.name.value == "Users"


def test_truncate() -> None:
    assert [t.name.value for t in one("TRUNCATE TABLE Logs", Truncate).tables] == ["Logs"]
    assert [t.name.value for t in one("TRUNCATE logs", Truncate).tables] == ["logs"]


def test_set_statements() -> None:
    several = one(
        "SET @@session.sql_mode = 'STRICT', GLOBAL max_connections = 10, @n = 1", SetSetting
    )
    assert (several.name, several.value, several.scope) == ("sql_mode", "STRICT", "session")
    assert several.assignments == (("sql_mode", "STRICT"), ("max_connections", "10"), ("n", "1"))
    names = one("SET NAMES utf8mb4", SetSetting)
    assert (names.name, names.value) == ("names", "utf8mb4")
    checks = one("SET FOREIGN_KEY_CHECKS=0", SetSetting)
    assert (checks.name, checks.value) == ("foreign_key_checks", "0")
    variable = one("SET @old_checks = @@FOREIGN_KEY_CHECKS", SetSetting)
    assert variable.user_variable and variable.name == "old_checks"
    glob = one("SET GLOBAL innodb_lock_wait_timeout = 5", SetSetting)
    assert glob.scope == "global"


def test_transactions_and_use() -> None:
    actions = [
        s.action
        for s in typed(
            "START TRANSACTION; BEGIN; SAVEPOINT a; RELEASE SAVEPOINT a; COMMIT; ROLLBACK"
        )
        if isinstance(s, TransactionControl)
    ]
    assert actions == ["BEGIN", "BEGIN", "SAVEPOINT", "RELEASE", "COMMIT", "ROLLBACK"]
    use = one("USE `Shop`", UseDatabase)
    assert (use.database.value, use.database.quoted) == ("Shop", True)


def test_insert_forms() -> None:
    values = one(
        "INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y') ON DUPLICATE KEY UPDATE b = VALUES(b)",
        Insert,
    )
    assert values.rows == 2 and [c.value for c in values.columns] == ["a", "b"]
    assert values.on_conflict == "UPDATE"
    assert values.updates[0].column.value == "b"
    assert values.updates[0].value.text == "VALUES(b)"
    replace = one("REPLACE INTO t (a) VALUES (1)", Insert)
    assert replace.replace and replace.rows == 1
    ignore = one("INSERT IGNORE INTO t (a) SELECT b FROM u WHERE c > 1", Insert)
    assert ignore.ignore and ignore.query is not None
    assert ignore.query.where is not None and ignore.query.where.text == "c > 1"


def test_update_delete_select_with_expressions_as_written() -> None:
    update = one(
        "UPDATE orders o JOIN users u ON o.user_id = u.id SET o.total = o.total * 2, "
        "o.updated_at = NOW() WHERE u.active = 1 ORDER BY o.id LIMIT 100",
        Update,
    )
    assert update.table.name.value == "orders"
    assert [j.name.value for j in update.joined] == ["users"]
    assert [a.column.value for a in update.assignments] == ["total", "updated_at"]
    assert update.assignments[1].value.text == "NOW()"
    assert update.assignments[1].value.name == "now"
    assert update.limit is not None and update.limit.text == "100"
    delete = one("DELETE FROM logs WHERE created_at < NOW() - INTERVAL 30 DAY LIMIT 1000", Delete)
    assert delete.where is not None
    assert delete.where.text == "created_at < NOW() - INTERVAL 30 DAY"
    select = one("SELECT a, COUNT(*) FROM t WHERE id IN (SELECT id FROM u) GROUP BY a", Select)
    assert [e.text for e in select.query.selected] == ["a", "COUNT(*)"]
    assert select.query.selected[1].kind is ExprKind.FUNCTION
    nested = list(select.query.walk())
    assert len(nested) == 2 and nested[1].sources[0].table.name.value == "u"
    cast = one("SELECT CAST(a AS UNSIGNED) FROM t", Select).query.selected[0]
    assert cast.kind is ExprKind.CAST and cast.name == "UNSIGNED"


def test_databases_views_and_routines() -> None:
    database = one(
        "CREATE DATABASE IF NOT EXISTS Shop CHARACTER SET utf8mb4 COLLATE utf8mb4_bin", CreateSchema
    )
    assert database.database and database.if_not_exists
    assert (database.name.value, database.charset, database.collation) == (
        "Shop",
        "utf8mb4",
        "utf8mb4_bin",
    )
    altered = one("ALTER DATABASE Shop DEFAULT CHARACTER SET = latin1", AlterSchema)
    assert altered.name is not None and altered.name.value == "Shop"
    assert altered.charset == "latin1" and altered.database
    view = one("CREATE OR REPLACE VIEW v (a) AS SELECT id FROM t", CreateView)
    assert view.or_replace and [c.value for c in view.columns] == ["a"]
    procedure = one(
        "CREATE DEFINER=`root`@`localhost` PROCEDURE p() BEGIN SELECT 1; END", CreateRoutine
    )
    assert procedure.routine_kind == "PROCEDURE" and procedure.body == "BEGIN SELECT 1; END"
    function = one("CREATE FUNCTION f(a INT) RETURNS INT DETERMINISTIC RETURN a + 1", CreateRoutine)
    assert function.routine_kind == "FUNCTION" and function.name.name.value == "f"
    trigger = one(
        "CREATE TRIGGER trg BEFORE INSERT ON Orders FOR EACH ROW SET NEW.a = 1", CreateRoutine
    )
    assert trigger.on_table is not None and trigger.on_table.name.value == "Orders"
    event = one("CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO DELETE FROM t", CreateRoutine)
    assert event.routine_kind == "EVENT" and event.body == "DELETE FROM t"


def test_call_lock_maintenance_grant() -> None:
    call = one("CALL shop.refresh(1)", Procedural)
    assert (call.command, call.target) == ("CALL", "shop.refresh")
    lock = one("LOCK TABLES t WRITE, u READ", LockTable)
    assert [t.name.value for t in lock.tables] == ["t", "u"] and lock.mode == "WRITE"
    optimize = one("OPTIMIZE TABLE t, u", Maintenance)
    assert optimize.operation == "OPTIMIZE" and len(optimize.tables) == 2
    analyze = one("ANALYZE TABLE t", Maintenance)
    assert analyze.operation == "ANALYZE"
    grant = one("GRANT SELECT, INSERT ON shop.orders TO 'app'@'%'", Grant)
    assert grant.privileges == ("SELECT", "INSERT")
    assert [o.written for o in grant.objects] == ["shop.orders"]
    assert grant.grantees == ("'app'@'%'",)
    assert one("REVOKE ALL ON *.* FROM 'u'@'%'", Grant).revoke


def test_unmodelled_statements_say_what_they_are() -> None:
    for sql, words in [
        ("UNLOCK TABLES", "UNLOCK"),
        ("FLUSH PRIVILEGES", "FLUSH"),
        ("SHOW TABLES", "SHOW"),
    ]:
        unmodelled = one(sql, Unmodelled)
        assert words in unmodelled.reason


def test_text_after_a_valid_statement_is_invalid() -> None:
    for sql, word in [
        ("SELECT 1 foo bar baz", None),
        ("USE db garbage", "garbage"),
        ("SET x = 1 garbage", "garbage"),
        ("INSERT INTO t VALUES (1) garbage", "garbage"),
        ("CREATE TABLE t (a int) foo bar", "foo"),
        ("CREATE VIEW v AS SELECT 1 FROM t WHERE 1 garbage", "garbage"),
        ("ALTER TABLE t ADD COLUMN a INT garbage", "garbage"),
        ("ALTER TABLE t ADD COLUMN a INT, garbage", "garbage"),
        ("RENAME TABLE a TO b garbage", "garbage"),
        ("CREATE INDEX i ON t (a) USING BTREE garbage", "garbage"),
        ("DROP TABLE t foo", None),
    ]:
        invalid = one(sql, Invalid)
        if word is not None:
            assert invalid.error_span.column == sql.index(word) + 1, sql


def test_valid_statements_with_what_sqlglot_does_not_know_are_not_invalid() -> None:
    sql = "CREATE TABLE t (a int) ENGINE=InnoDB PAGE_COMPRESSED=1 STORAGE DISK"
    table = one(sql, Statement)
    assert not isinstance(table, Invalid)
    alias = one("INSERT INTO t VALUES (1) AS new ON DUPLICATE KEY UPDATE a = new.a", Insert)
    assert alias.on_conflict == "UPDATE"


def test_prepared_statements_are_procedural() -> None:
    prepared = one("PREPARE stmt FROM 'ALTER TABLE t ADD COLUMN a INT'", Procedural)
    assert (prepared.command, prepared.target) == ("PREPARE", "stmt")
    assert prepared.body == "ALTER TABLE t ADD COLUMN a INT"
    assert one("EXECUTE stmt", Procedural).command == "EXECUTE"
    assert one("DEALLOCATE PREPARE stmt", Procedural).target == "stmt"


def test_set_values_are_as_written() -> None:
    saved = one(
        "SET @saved_cs_client = @@character_set_client, @x := 5, SESSION y = DEFAULT", SetSetting
    )
    assert saved.value == "@@character_set_client" and saved.user_variable
    assert saved.assignments == (
        ("saved_cs_client", "@@character_set_client"),
        ("x", "5"),
        ("y", "DEFAULT"),
    )
    mode = one("SET @@GLOBAL.sql_mode = CONCAT(@@sql_mode, ',STRICT')", SetSetting)
    assert (mode.name, mode.scope, mode.value) == (
        "sql_mode",
        "global",
        "CONCAT(@@sql_mode, ',STRICT')",
    )
    assert one("SET LOCAL lock_wait_timeout = 10", SetSetting).scope == "session"


def test_multi_table_update_and_delete_keep_their_joins() -> None:
    delete = one("DELETE t1 FROM t1 JOIN t2 ON t1.id = t2.id WHERE t2.x = 1", Delete)
    assert delete.table.name.value == "t1"
    (joined,) = delete.using
    assert [s.table.name.value for s in joined.sources if s.table] == ["t1", "t2"]
    assert joined.sources[1].join_condition is not None
    assert joined.sources[1].join_condition.text == "t1.id = t2.id"
    using = one("DELETE FROM t1 USING t1 JOIN t2 ON t1.id = t2.id", Delete)
    assert len(using.using) == 1 and len(using.using[0].sources) == 2
    update = one("UPDATE t1 JOIN t2 ON t1.id = t2.id SET t1.a = t2.a", Update)
    assert [s.table.name.value for s in update.sources[0].sources if s.table] == ["t1", "t2"]


def test_alter_view_is_the_view_redefined() -> None:
    view = one("ALTER VIEW v (a) AS SELECT id FROM t", CreateView)
    assert view.or_replace and view.name.name.value == "v"
    assert [c.value for c in view.columns] == ["a"]
    assert view.query is not None and view.query.sources[0].table.name.value == "t"


def test_unmodelled_statements_sqlglot_reads_whole_are_valid() -> None:
    assert one("SHOW TABLES", Unmodelled).valid is True
    assert one("FLUSH PRIVILEGES", Unmodelled).valid is None


def test_create_schema_is_a_database_by_another_name() -> None:
    schema = one("CREATE SCHEMA IF NOT EXISTS Shop DEFAULT CHARACTER SET utf8mb4", CreateSchema)
    assert (schema.name.value, schema.charset, schema.if_not_exists) == ("Shop", "utf8mb4", True)
    assert not schema.database


def test_command_forms_read_strictly() -> None:
    assert [t.written for t in one("TRUNCATE TABLE db.t", Truncate).tables] == ["db.t"]
    lock = one("LOCK TABLES t AS x READ LOCAL, u LOW_PRIORITY WRITE, v w READ", LockTable)
    assert [t.name.value for t in lock.tables] == ["t", "u", "v"] and lock.mode == "WRITE"
    assert one("CALL p", Procedural).target == "p"
    names = one("SET NAMES utf8mb4 COLLATE utf8mb4_bin", SetSetting)
    assert (names.name, names.value) == ("names", "utf8mb4")
    assert one("SET CHARACTER SET latin1", SetSetting).name == "character_set"
    begin = one("START TRANSACTION READ ONLY, WITH CONSISTENT SNAPSHOT", TransactionControl)
    assert begin.action == "BEGIN"
    dropped = one("DROP INDEX i ON t ALGORITHM=INPLACE LOCK=NONE", DropIndex)
    assert (dropped.algorithm, dropped.lock) == ("INPLACE", "NONE")
    for sql in [
        "TRUNCATE t garbage",
        "LOCK TABLES t WRITE garbage",
        "CALL p() garbage",
        "SET NAMES utf8mb4 garbage",
        "START TRANSACTION garbage",
    ]:
        invalid = one(sql, Invalid)
        assert invalid.error_span.column == sql.index("garbage") + 1, sql


def test_drop_schema_names_the_database() -> None:
    dropped = one("DROP SCHEMA IF EXISTS Shop", Drop)
    assert dropped.object_kind == "SCHEMA"
    assert [(n.name.value, n.schema) for n in dropped.names] == [("Shop", None)]


def test_routine_names_fold_table_and_trigger_names_keep_case() -> None:
    procedure = one("CREATE PROCEDURE Shop.RefreshAll() COMMENT 'x' SELECT 1", CreateRoutine)
    assert (procedure.name.name.value, procedure.name.name.written) == ("refreshall", "RefreshAll")
    assert procedure.name.schema is not None and procedure.name.schema.value == "Shop"
    assert procedure.body == "SELECT 1"
    dropped = one("DROP PROCEDURE IF EXISTS Shop.RefreshAll", Drop)
    assert dropped.names[0].name.value == "refreshall"
    assert one("DROP EVENT Nightly", Drop).names[0].name.value == "nightly"
    assert one("DROP TRIGGER Trg", Drop).names[0].name.value == "Trg"


def test_insert_values_are_expressions_as_written() -> None:
    insert = one(
        "INSERT INTO t (a, b, c) VALUES (1, NOW(), 'x'), (-2, SLEEP(1), (SELECT 1))", Insert
    )
    assert [[(e.kind, e.text) for e in row] for row in insert.values] == [
        [(ExprKind.LITERAL, "1"), (ExprKind.FUNCTION, "NOW()"), (ExprKind.LITERAL, "'x'")],
        [
            (ExprKind.LITERAL, "-2"),
            (ExprKind.FUNCTION, "SLEEP(1)"),
            (ExprKind.SUBQUERY, "(SELECT 1)"),
        ],
    ]
    view = one("CREATE VIEW v AS SELECT DISTINCT a FROM t", CreateView)
    assert view.query is not None and view.query.text == "SELECT DISTINCT a FROM t"
