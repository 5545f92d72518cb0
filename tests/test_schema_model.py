"""The schema model replayed from migrations, offline."""

from __future__ import annotations

from dbops.core.schema import FOREIGN, PRIMARY, UNIQUE, SchemaModel
from dbops.core.sql import parse_sql
from dbops.rules.schema_conflict import SchemaConflict
from tests.rules.helpers import findings_of


def replay(sql: str, dialect: str = "postgres") -> SchemaModel:
    model = SchemaModel(dialect=dialect)
    for statement in parse_sql(sql, dialect).statements:
        model.apply(statement, "1_history.sql")
    return model


def test_columns_keep_type_nullability_and_default() -> None:
    model = replay(
        "CREATE TABLE app.users (id bigint PRIMARY KEY, name text NOT NULL DEFAULT 'x', nick text);"
    )
    table = model.tables["app.users"]
    assert (table.columns["id"].nullable, table.columns["name"].nullable) == (False, False)
    assert table.columns["name"].default == "'x'"
    assert table.columns["nick"].nullable and table.columns["nick"].type == "TEXT"


def test_keys_and_indexes_are_modelled_with_postgres_names() -> None:
    model = replay(
        "CREATE TABLE users (id bigint PRIMARY KEY, email text UNIQUE);\n"
        "CREATE TABLE orders (id bigint, user_id bigint REFERENCES users (id), "
        "CONSTRAINT pk_orders PRIMARY KEY (id));\n"
        "CREATE INDEX ON orders (user_id);"
    )
    kinds = {index.name: index.kind for index in model.indexes.values()}
    assert kinds == {
        "users_pkey": PRIMARY,
        "users_email_key": UNIQUE,
        "orders_user_id_fkey": FOREIGN,
        "pk_orders": PRIMARY,
        "orders_user_id_idx": "index",
    }
    assert model.indexes["public.orders_user_id_fkey"].references == "public.users"
    assert model.indexed_columns("public.orders") == {"id", "user_id"}


def test_alter_table_renames_drops_and_changes() -> None:
    model = replay(
        "CREATE TABLE t (id int PRIMARY KEY, a text, b text);\n"
        "CREATE INDEX t_b_idx ON t (b);\n"
        "ALTER TABLE t RENAME COLUMN a TO c;\n"
        "ALTER TABLE t DROP COLUMN b;\n"
        "ALTER TABLE t ALTER COLUMN c SET NOT NULL;\n"
        "ALTER TABLE t ALTER COLUMN c TYPE varchar(10);\n"
        "ALTER TABLE t RENAME TO u;\n"
        "ALTER TABLE u DROP CONSTRAINT t_pkey;"
    )
    table = model.tables["public.u"]
    assert list(table.columns) == ["id", "c"]
    assert not table.columns["c"].nullable and table.columns["c"].type == "VARCHAR(10)"
    assert model.find_index("t_b_idx") is None  # dropped with its column
    assert model.primary_key("public.u") is None


def test_postgres_quoted_names_are_case_sensitive() -> None:
    model = replay('CREATE TABLE "Users" (id int);\nCREATE TABLE users (id int);')
    assert set(model.tables) == {"public.Users", "public.users"}


def test_mysql_names_are_case_insensitive() -> None:
    model = replay("CREATE TABLE `Users` (id int);\nALTER TABLE users ADD COLUMN b int;", "mysql")
    assert set(model.tables["users"].columns) == {"id", "b"}


def test_comments_and_schemas_are_kept() -> None:
    model = replay(
        "CREATE SCHEMA app;\nCREATE TABLE app.t (a int);\n"
        "COMMENT ON TABLE app.t IS 'things';\nCOMMENT ON COLUMN app.t.a IS 'count';"
    )
    assert "app" in model.schemas
    assert model.tables["app.t"].comment == "things"


def test_drop_table_and_if_not_exists() -> None:
    model = replay("CREATE TABLE t (a int);\nCREATE TABLE IF NOT EXISTS t (b int);\nDROP TABLE t;")
    assert model.tables == {} and model.indexes == {}


HISTORY = "CREATE TABLE users (id bigint PRIMARY KEY, nickname text);"


def test_table_already_exists_is_a_finding() -> None:
    (finding,) = findings_of(SchemaConflict, "CREATE TABLE users (id bigint PRIMARY KEY);", HISTORY)
    assert "already exists" in finding.message
    assert findings_of(SchemaConflict, "CREATE TABLE IF NOT EXISTS users (id int);", HISTORY) == []


def test_column_does_not_exist_is_a_finding() -> None:
    sql = "ALTER TABLE users RENAME COLUMN nick TO handle;"
    (finding,) = findings_of(SchemaConflict, sql, HISTORY)
    assert '"nick" does not exist' in finding.message


def test_column_added_twice_and_unknown_table() -> None:
    assert findings_of(SchemaConflict, "ALTER TABLE users ADD COLUMN nickname text;", HISTORY)
    assert findings_of(SchemaConflict, "ALTER TABLE user ADD COLUMN x text;", HISTORY)
    # without any history the model cannot tell a missing table from a baseline
    assert findings_of(SchemaConflict, "ALTER TABLE user ADD COLUMN x text;") == []


def test_statements_earlier_in_the_same_file_count() -> None:
    sql = "CREATE TABLE t (a int);\nALTER TABLE t DROP COLUMN a;\nALTER TABLE t DROP COLUMN a;"
    assert [f.line for f in findings_of(SchemaConflict, sql)] == [3]
