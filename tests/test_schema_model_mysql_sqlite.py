"""The schema model replayed from typed MySQL/MariaDB and SQLite statements."""

from __future__ import annotations

from dbops.core.schema import FOREIGN, INDEX, PRIMARY, UNIQUE
from dbops.core.statements import Name, ObjectName
from tests.test_schema_model import index_names, replay

USERS = (
    "CREATE TABLE users (id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, "
    "name varchar(50) DEFAULT NULL, email varchar(100) NOT NULL, "
    "KEY idx_name (name), UNIQUE KEY (email)) DEFAULT CHARSET=latin1;"
)


def test_mysql_modify_and_change_restate_the_column() -> None:
    model = replay(
        USERS + "\nALTER TABLE users MODIFY name varchar(80) NOT NULL;"
        "\nALTER TABLE users CHANGE name full_name varchar(120) DEFAULT 'x' AFTER email;"
        "\nALTER TABLE users CHANGE COLUMN email email varchar(191) NOT NULL FIRST;",
        "mysql",
    )
    table = model.tables["users"]
    assert list(table.columns) == ["email", "id", "full_name"]
    column = table.columns["full_name"]
    assert (column.type, column.nullable, column.default) == ("varchar(120)", True, "'x'")
    (index,) = [i for i in model.table_indexes("users") if i.name == "idx_name"]
    assert index.columns == ("full_name",)
    assert table.columns["id"].type == "int(10) unsigned" and table.columns["id"].auto_increment


def test_mysql_keys_indexes_and_renames() -> None:
    model = replay(
        USERS + "\nCREATE TABLE orders (id bigint NOT NULL, user_id int unsigned NOT NULL, "
        "CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id));"
        "\nCREATE INDEX idx_orders_id USING BTREE ON orders (id);"
        "\nALTER TABLE orders MODIFY id bigint NOT NULL PRIMARY KEY;"
        "\nALTER TABLE users RENAME INDEX idx_name TO ix_users_name;"
        "\nRENAME TABLE users TO members, orders TO purchases;"
        "\nALTER TABLE members DROP PRIMARY KEY;",
        "mysql",
    )
    assert set(model.tables) == {"members", "purchases"}
    assert {(i.name, i.kind) for i in model.table_indexes("purchases")} == {
        ("fk_user", INDEX),  # InnoDB's index for the foreign key, named after it
        ("fk_user", FOREIGN),
        ("idx_orders_id", INDEX),
        ("PRIMARY", PRIMARY),
    }
    fkey = next(i for i in model.table_indexes("purchases") if i.kind == FOREIGN)
    assert fkey.references == "members"
    assert {(i.name, i.kind) for i in model.table_indexes("members")} == {
        ("ix_users_name", INDEX),
        ("email", UNIQUE),
    }
    assert not model.tables["members"].columns["id"].nullable  # DROP PRIMARY KEY keeps NOT NULL


def test_mysql_types_as_mariadb_shows_them() -> None:
    model = replay(
        "CREATE TABLE t (a int, b bigint unsigned, c tinyint(1), d decimal(8), e point NOT NULL, "
        "f LONG VARCHAR, g boolean, h year, i enum('x','y'), j int(6) unsigned zerofill);",
        "mysql",
    )
    types = {name: column.type for name, column in model.tables["t"].columns.items()}
    assert types == {
        "a": "int(11)",
        "b": "bigint(20) unsigned",
        "c": "tinyint(1)",
        "d": "decimal(8,0)",
        "e": "point",
        "f": "mediumtext",
        "g": "tinyint(1)",
        "h": "year(4)",
        "i": "enum('x','y')",
        "j": "int(6) unsigned zerofill",
    }


def test_mysql_convert_to_charset_widens_text() -> None:
    model = replay(
        "CREATE TABLE t (a text, b varchar(10), n int) DEFAULT CHARSET=utf8mb3;\n"
        "ALTER TABLE t CONVERT TO CHARACTER SET utf8mb4;",
        "mysql",
    )
    columns = model.tables["t"].columns
    assert (columns["a"].type, columns["b"].type, columns["n"].type) == (
        "mediumtext",
        "varchar(10)",
        "int(11)",
    )
    assert columns["a"].charset == "utf8mb4"


def test_mysql_table_names_keep_their_case_and_use_sets_the_database() -> None:
    model = replay(
        "CREATE TABLE techBook (id int, Title text);\nALTER TABLE techBook ADD COLUMN b int;\n"
        "USE shop;\nCREATE TABLE orders (id int);",
        "mysql",
    )
    assert set(model.tables) == {"techBook", "shop.orders"}
    assert list(model.tables["techBook"].columns) == ["id", "title", "b"]
    assert model.tables["techBook"].columns["title"].written == "Title"
    assert model.lookup(ObjectName(Name("techbook"))) is None  # case-sensitive table names


def test_sqlite_rebuild_keeps_the_new_definition() -> None:
    model = replay(
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, title TEXT, body TEXT);\n"
        "CREATE INDEX idx_notes_title ON notes (title);\n"
        "CREATE TABLE notes_new (id INTEGER PRIMARY KEY, title VARCHAR(300) NOT NULL, "
        "body TEXT NOT NULL DEFAULT '', UNIQUE (title));\n"
        "INSERT INTO notes_new SELECT id, title, coalesce(body, '') FROM notes;\n"
        "DROP TABLE notes;\nALTER TABLE notes_new RENAME TO notes;",
        "sqlite",
    )
    columns = model.tables["notes"].columns
    assert (columns["title"].type, columns["title"].nullable) == ("varchar(300)", False)
    assert columns["body"].default == "''"
    # the unique key's index is renamed with the table; INTEGER PRIMARY KEY is the rowid (no
    # index, no name)
    assert index_names(model, "notes") == {"sqlite_autoindex_notes_1", ""}
    primary = model.primary_key("notes")
    assert primary is not None and primary.name == "" and primary.columns == ("id",)


def test_sqlite_virtual_tables_and_ctas_affinity() -> None:
    model = replay(
        "CREATE VIRTUAL TABLE notes_fts USING fts5(title, body);\n"
        "CREATE TABLE n (id INTEGER, t VARCHAR(20), r DOUBLE);\n"
        "CREATE TABLE copy AS SELECT id, t, r FROM n;",
        "sqlite",
    )
    assert model.tables["notes_fts"].virtual_module == "fts5"
    assert list(model.tables["notes_fts"].columns) == ["title", "body"]
    copied = model.tables["copy"].columns
    assert [copied[c].type for c in ("id", "t", "r")] == ["int", "text", "real"]


def test_mysql_tables_named_matches_a_folded_name() -> None:
    model = replay("CREATE TABLE techBook (id int);", "mysql")
    assert [t.name for t in model.tables_named("techBook")] == ["techBook"]
    assert [t.name for t in model.tables_named("techbook")] == ["techBook"]
    assert replay("CREATE TABLE t (id int);", "postgres").tables_named("T") == []
