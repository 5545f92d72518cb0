"""SQLite statements from sqlglot's trees into the model: declared types as written, STRICT,
WITHOUT ROWID, virtual tables, the table rebuild migrations use, PRAGMA, and text after a valid
statement."""

from __future__ import annotations

from typing import Any

from dbops.core.sql import parse_sql
from dbops.core.statements import (
    AddColumn,
    AlterTable,
    ConstraintKind,
    CreateIndex,
    CreateRoutine,
    CreateTable,
    CreateTableAs,
    CreateView,
    Delete,
    Drop,
    DropColumn,
    ExprKind,
    Generated,
    Insert,
    Invalid,
    Maintenance,
    RenameColumn,
    RenameTo,
    SetSetting,
    Span,
    Statement,
    TransactionControl,
    Unmodelled,
    Update,
)
from dbops.parsing import typed_statements


def typed(sql: str) -> tuple[Statement, ...]:
    return typed_statements(parse_sql(sql, "sqlite"), "sqlite")


def one(sql: str, kind: type[Any]) -> Any:
    (statement,) = typed(sql)
    assert isinstance(statement, kind), statement
    return statement


def test_declared_types_are_kept_lower_case_as_written() -> None:
    table = one(
        "CREATE TABLE IF NOT EXISTS Events (\n"
        "  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
        "  big unsigned big int NOT NULL,\n"
        "  name VARCHAR(255) DEFAULT 'x',\n"
        "  note varying character(20),\n"
        "  anything\n"
        ") STRICT, WITHOUT ROWID",
        CreateTable,
    )
    assert table.table.name.value == "events" and table.table.name.written == "Events"
    assert table.strict and table.without_rowid and table.if_not_exists
    types = [(c.name.value, c.type.name if c.type else None) for c in table.columns]
    assert types == [
        ("id", "integer"),
        ("big", "unsigned big int"),
        ("name", "varchar(255)"),
        ("note", "varying character(20)"),
        ("anything", None),
    ]
    key = table.columns[0]
    assert key.auto_increment and key.primary_key
    assert table.columns[1].type.written == "unsigned big int"
    assert table.columns[2].type.parameters == ("255",)
    assert table.columns[2].default.text == "'x'"
    assert table.columns[1].span == Span(3, 3, 3, 31)
    assert table.options == ()


def test_table_constraints_and_collation() -> None:
    table = one(
        'CREATE TABLE "Users" (id INTEGER, Email TEXT NOT NULL UNIQUE COLLATE NOCASE, '
        "org INTEGER REFERENCES orgs(id) ON DELETE CASCADE, PRIMARY KEY (id), "
        "CHECK (length(Email) > 3))",
        CreateTable,
    )
    email = table.columns[1]
    assert (email.name.value, email.name.written) == ("email", "Email")
    assert email.collation == "nocase" and email.not_null
    assert [c.kind for c in email.constraints] == [ConstraintKind.UNIQUE]
    assert table.columns[2].constraints[0].references.on_delete == "CASCADE"
    assert [c.kind for c in table.constraints] == [ConstraintKind.PRIMARY_KEY, ConstraintKind.CHECK]
    assert table.constraints[1].check.text == "length(Email) > 3"


def test_virtual_table_columns_come_from_the_module_arguments() -> None:
    plain = one("CREATE VIRTUAL TABLE docs USING fts5(title, body)", CreateTable)
    assert plain.virtual_module == "fts5"
    assert [c.name.value for c in plain.columns] == ["title", "body"]
    options = one(
        "CREATE VIRTUAL TABLE IF NOT EXISTS Notes USING FTS5(title, body UNINDEXED, "
        "tokenize='porter')",
        CreateTable,
    )
    assert options.virtual_module == "fts5" and options.if_not_exists
    assert [c.name.value for c in options.columns] == ["title", "body"]
    assert options.table.name.value == "notes"


def test_table_rebuild_migration() -> None:
    statements = typed(
        "PRAGMA foreign_keys=OFF;\n"
        "BEGIN TRANSACTION;\n"
        "CREATE TABLE users_new (id INTEGER PRIMARY KEY, email TEXT NOT NULL);\n"
        "INSERT INTO users_new (id, email) SELECT id, email FROM users;\n"
        "DROP TABLE users;\n"
        "ALTER TABLE users_new RENAME TO users;\n"
        "CREATE UNIQUE INDEX IF NOT EXISTS users_email ON users (email) WHERE email <> '';\n"
        "COMMIT;\n"
        "PRAGMA foreign_keys=ON;\n"
    )
    assert [type(s) for s in statements] == [
        SetSetting,
        TransactionControl,
        CreateTable,
        Insert,
        Drop,
        AlterTable,
        CreateIndex,
        TransactionControl,
        SetSetting,
    ]
    pragma = statements[0]
    assert (pragma.name, pragma.value) == ("foreign_keys", "OFF")
    copy = statements[3]
    assert copy.query is not None and copy.query.sources[0].table.name.value == "users"
    assert [c.value for c in copy.columns] == ["id", "email"]
    rename = statements[5].actions[0]
    assert isinstance(rename, RenameTo) and rename.new.name.value == "users"
    assert rename.span == Span(6, 23, 6, 37)
    index = statements[6]
    assert index.unique and index.if_not_exists
    assert index.where is not None and index.where.text == "email <> ''"
    assert [s.action for s in (statements[1], statements[7])] == ["BEGIN", "COMMIT"]


def test_alter_table_forms() -> None:
    statements = typed(
        "ALTER TABLE t ADD COLUMN c TEXT NOT NULL DEFAULT '';\n"
        "ALTER TABLE t RENAME COLUMN Old TO New;\n"
        "ALTER TABLE t DROP COLUMN c;\n"
    )
    add, rename, drop = (s.actions[0] for s in statements if isinstance(s, AlterTable))
    assert isinstance(add, AddColumn) and add.column.type.name == "text"
    assert add.column.default.text == "''"
    assert isinstance(rename, RenameColumn)
    assert (rename.old.value, rename.new.value, rename.new.written) == ("old", "new", "New")
    assert isinstance(drop, DropColumn) and drop.column.value == "c"


def test_insert_or_replace_and_ignore() -> None:
    replace = one("INSERT OR REPLACE INTO t (a) VALUES (1), (2)", Insert)
    assert replace.replace and replace.rows == 2
    ignore = one("INSERT OR IGNORE INTO t SELECT * FROM u", Insert)
    assert ignore.ignore and ignore.query is not None and ignore.query.select_star


def test_dml_and_other_statements() -> None:
    update = one("UPDATE t SET a = a + 1 WHERE id = 3", Update)
    assert update.assignments[0].value.kind is ExprKind.OPERATOR
    assert update.where is not None and update.where.text == "id = 3"
    delete = one("DELETE FROM t WHERE a IN (SELECT a FROM u)", Delete)
    assert delete.where is not None and delete.where.name == "in"
    view = one("CREATE VIEW IF NOT EXISTS v AS SELECT a FROM t", CreateView)
    assert view.if_not_exists and view.query is not None
    ctas = one("CREATE TABLE t2 AS SELECT id, name AS label FROM t", CreateTableAs)
    assert [c.name.value for c in ctas.columns] == ["id", "label"]
    assert ctas.column_sources == (("id", "t.id"), ("label", "t.name"))
    trigger = one(
        "CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET a = 1; END", CreateRoutine
    )
    assert trigger.routine_kind == "TRIGGER" and trigger.on_table.name.value == "t"
    assert one("VACUUM", Maintenance).operation == "VACUUM"
    journal = one("PRAGMA main.journal_mode = 'wal'", SetSetting)
    assert (journal.name, journal.value) == ("journal_mode", "wal")
    attach = one("ATTACH DATABASE 'x.db' AS x", Unmodelled)
    assert "ATTACH" in attach.reason


def test_text_after_a_valid_statement_is_invalid() -> None:
    for sql, word in [
        ("CREATE TABLE t (a int) garbage", "garbage"),
        ("ALTER TABLE t RENAME TO u garbage", "garbage"),
        ("CREATE INDEX i ON t (a) garbage", "garbage"),
        ("SELECT 1 foo bar baz", None),
    ]:
        invalid = one(sql, Invalid)
        if word is not None:
            assert word in invalid.message
            assert invalid.error_span.column == sql.index(word) + 1


def test_clauses_sqlglot_rejects_are_read_without_them() -> None:
    table = one(
        "CREATE TABLE t (id INTEGER PRIMARY KEY ASC ON CONFLICT REPLACE, "
        "total REAL GENERATED ALWAYS AS (price * qty) STORED, v TEXT AS (lower(x)), "
        "created TEXT DEFAULT (datetime('now')), price REAL, qty INT)",
        CreateTable,
    )
    key, total, virtual, created = table.columns[:4]
    assert key.primary_key and key.type.name == "integer"
    assert total.generated is Generated.STORED and total.generated_expr.text == "price * qty"
    assert virtual.generated is Generated.VIRTUAL
    assert created.default.text == "(datetime('now'))" and created.default.name == "datetime"


def test_replace_into_and_collated_index_keys() -> None:
    replace = one("REPLACE INTO t (id) VALUES (1)", Insert)
    assert replace.replace and replace.rows == 1
    index = one('CREATE UNIQUE INDEX "Idx" ON "T" ("A" COLLATE NOCASE)', CreateIndex)
    assert index.name is not None and (index.name.value, index.name.written) == ("idx", "Idx")
    assert index.table.name.value == "t"
    element = index.elements[0]
    assert element.column is not None and element.column.value == "a"
    assert element.collation == "NOCASE"


def test_alter_table_forms_sqlite_rejects_are_invalid() -> None:
    several = one("ALTER TABLE t ADD COLUMN a INT, ADD COLUMN b INT", Invalid)
    assert several.error_span == Span(1, 33, 1, 48)
    assert "ADD COLUMN b INT" in several.message
    default = one("ALTER TABLE t ALTER COLUMN a SET DEFAULT 1", Invalid)
    assert default.error_span.column == 15
    assert one("SELECT 1", Statement) is not None


def test_words_after_a_type_that_start_no_constraint_are_invalid() -> None:
    invalid = one("CREATE TABLE t (a floating point, c int(11) unsigned)", Invalid)
    assert "unsigned" in invalid.message and invalid.error_span.column == 45


def test_update_or_conflict_savepoints_and_end() -> None:
    update = one("UPDATE OR IGNORE t SET a = 1 WHERE b = 2", Update)
    assert update.table.name.value == "t" and update.where is not None
    actions = [
        s.action
        for s in typed("SAVEPOINT s; RELEASE SAVEPOINT s; ROLLBACK TO s; END TRANSACTION; END")
        if isinstance(s, TransactionControl)
    ]
    assert actions == ["SAVEPOINT", "RELEASE", "ROLLBACK TO", "COMMIT", "COMMIT"]
