"""The schema model replayed from typed statements, offline (PostgreSQL forms; the MySQL and
SQLite forms are in test_schema_model_mysql_sqlite.py, the proof against real databases in
test_replay_real_databases.py)."""

from __future__ import annotations

import time

import pytest

from dbops.core.schema import FOREIGN, PRIMARY, UNIQUE, SchemaModel
from dbops.core.sql import parse_sql
from dbops.core.statements import Name, ObjectName
from dbops.parsing import typed_statements


def replay(sql: str, dialect: str = "postgres", model: SchemaModel | None = None) -> SchemaModel:
    model = model if model is not None else SchemaModel(dialect=dialect)
    for node in typed_statements(parse_sql(sql, dialect), dialect):
        model.apply(node, "1_history.sql")
    return model


def index_names(model: SchemaModel, table: str) -> set[str]:
    return {index.name for index in model.table_indexes(table)}


def test_columns_keep_catalog_type_nullability_and_default() -> None:
    model = replay(
        "CREATE TABLE app.users (id bigint PRIMARY KEY, name varchar(100) NOT NULL DEFAULT 'x', "
        "nick text, born timestamp(3), seen timestamptz, tags char(10)[], n int4);"
    )
    columns = model.tables["app.users"].columns
    assert (columns["id"].nullable, columns["name"].nullable, columns["nick"].nullable) == (
        False,
        False,
        True,
    )
    assert columns["name"].default == "'x'" and columns["name"].type == "character varying(100)"
    assert columns["name"].type_name.name == "character varying"
    assert columns["born"].type == "timestamp(3) without time zone"
    assert columns["seen"].type == "timestamp with time zone"
    assert columns["tags"].type == "character(10)[]" and columns["tags"].type_name.is_array
    assert columns["n"].type == "integer"


def test_identity_serial_and_generated_columns() -> None:
    model = replay(
        "CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY, s bigserial, "
        "a int, b int GENERATED ALWAYS AS (a * 2) STORED);"
    )
    columns = model.tables["public.t"].columns
    assert not columns["id"].nullable and not columns["id"].has_default
    assert columns["s"].type == "bigint" and not columns["s"].nullable
    assert columns["s"].default == "nextval('t_s_seq'::regclass)"
    assert columns["b"].generated == "stored" and not columns["b"].has_default


def test_keys_and_indexes_get_postgres_names() -> None:
    model = replay(
        "CREATE TABLE users (id bigint PRIMARY KEY, email text UNIQUE);\n"
        "CREATE TABLE orders (id bigint, user_id bigint REFERENCES users (id), "
        "a int, b int, UNIQUE (a, b), CHECK (a > 0), CONSTRAINT pk_orders PRIMARY KEY (id));\n"
        "CREATE INDEX ON orders (user_id);\nCREATE INDEX ON orders (user_id);\n"
        "CREATE INDEX ON orders (lower(email));"
    )
    kinds = {index.name: index.kind for index in model.table_indexes("public.orders")}
    assert kinds == {
        "orders_user_id_fkey": FOREIGN,
        "orders_a_b_key": UNIQUE,
        "orders_a_check": "check",
        "pk_orders": PRIMARY,
        "orders_user_id_idx": "index",
        "orders_user_id_idx1": "index",
        "orders_lower_idx": "index",
    }
    assert index_names(model, "public.users") == {"users_pkey", "users_email_key"}
    fkey = model.index_named(ObjectName(Name("orders_user_id_fkey")), "public.orders")
    assert fkey is not None and fkey.references == "public.users"
    assert model.indexed_columns("public.orders") == {"id", "user_id", "a", "b", "(lower(email))"}


def test_alter_table_actions_apply_in_order() -> None:
    model = replay(
        "CREATE TABLE t (id int PRIMARY KEY, a text, b text, x boolean);\n"
        "CREATE INDEX t_b_idx ON t (b);\n"
        "ALTER TABLE t RENAME a TO c;\n"
        "ALTER TABLE t DROP COLUMN b;\n"
        "ALTER TABLE t DROP COLUMN x, ADD COLUMN x smallint NOT NULL DEFAULT 0;\n"
        "ALTER TABLE t ALTER COLUMN c SET NOT NULL, ALTER COLUMN c TYPE varchar(10);\n"
    )
    table = model.tables["public.t"]
    assert list(table.columns) == ["id", "c", "x"]
    assert not table.columns["c"].nullable and table.columns["c"].type == "character varying(10)"
    assert table.columns["x"].type == "smallint" and table.columns["x"].default == "0"
    assert model.find_index("t_b_idx") is None  # dropped with its column


def test_renamed_table_keeps_its_keys_and_indexes() -> None:
    model = replay(
        "CREATE TABLE projects (id int PRIMARY KEY, team int);\n"
        "CREATE INDEX projects_team_idx ON projects (team);\n"
        "CREATE TABLE tasks (id int, project_id int REFERENCES projects (id));\n"
        "ALTER TABLE projects RENAME TO boards;\n"
        "ALTER INDEX projects_team_idx RENAME TO boards_team_idx;"
    )
    assert "public.projects" not in model.tables
    primary = model.primary_key("public.boards")
    assert primary is not None and primary.name == "projects_pkey" and primary.columns == ("id",)
    assert index_names(model, "public.boards") == {"projects_pkey", "boards_team_idx"}
    (fkey,) = model.table_indexes("public.tasks")
    assert fkey.references == "public.boards"


def test_drops_take_what_depends_on_them() -> None:
    model = replay(
        "CREATE TABLE a (id int PRIMARY KEY);\n"
        "CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a (id), n int);\n"
        "CREATE INDEX b_n_idx ON b (n);\nCREATE INDEX b_a_idx ON b (a_id);\n"
        "CREATE INDEX b_both_idx ON b (a_id, n);\n"
        "DROP INDEX b_n_idx, b_a_idx;\n"
        "DROP TABLE a CASCADE;"
    )
    assert index_names(model, "public.b") == {"b_pkey", "b_both_idx"}
    replay("ALTER TABLE b DROP COLUMN n CASCADE;", model=model)
    assert index_names(model, "public.b") == {"b_pkey"}


def test_partitions_take_the_parents_columns_and_keys() -> None:
    model = replay(
        "CREATE TABLE ev (id bigint, at date NOT NULL, PRIMARY KEY (id, at))\n"
        "  PARTITION BY RANGE (at);\n"
        "CREATE TABLE ev_1 PARTITION OF ev FOR VALUES FROM ('2026-01-01') TO ('2026-02-01');\n"
        "CREATE INDEX ev_at_idx ON ev (at);\n"
        "CREATE TABLE ev_2 (id bigint NOT NULL, at date NOT NULL);\n"
        "ALTER TABLE ev ATTACH PARTITION ev_2 FOR VALUES FROM ('2026-02-01') TO ('2026-03-01');\n"
        "ALTER TABLE ev DETACH PARTITION ev_1;"
    )
    assert list(model.tables["public.ev_1"].columns) == ["id", "at"]
    assert index_names(model, "public.ev_1") == {"ev_1_pkey", "ev_1_at_idx"}
    assert index_names(model, "public.ev_2") == {"ev_2_pkey", "ev_2_at_idx"}
    assert model.tables["public.ev_1"].partition_of is None
    assert model.tables["public.ev_2"].partition_of == "public.ev"


def test_search_path_decides_where_unqualified_names_live() -> None:
    model = replay(
        "CREATE SCHEMA billing;\nSET search_path TO billing, public;\n"
        "CREATE TABLE invoices (id int);\nALTER TABLE invoices ADD COLUMN n int;"
    )
    assert list(model.tables["billing.invoices"].columns) == ["id", "n"]
    assert model.lookup(ObjectName(Name("invoices"))) is not None


def test_postgres_quoted_names_are_case_sensitive() -> None:
    model = replay('CREATE TABLE "Users" (id int);\nCREATE TABLE users (id int);')
    assert set(model.tables) == {"public.Users", "public.users"}


def test_copies_are_independent_and_cheap() -> None:
    tables = "\n".join(
        f"CREATE TABLE t{n} (id bigint PRIMARY KEY, a text, b int);" for n in range(300)
    )
    model = replay(tables)
    start = time.perf_counter()
    for _ in range(100):
        copy = model.copy()
    per_copy = (time.perf_counter() - start) / 100
    replay("ALTER TABLE t1 ADD COLUMN c int;\nDROP TABLE t2;", model=copy)
    assert "c" in copy.tables["public.t1"].columns and "c" not in model.tables["public.t1"].columns
    assert "public.t2" in model.tables and "public.t2" not in copy.tables
    replay("ALTER TABLE t1 ADD COLUMN d int;", model=model)
    assert "d" not in copy.tables["public.t1"].columns
    assert per_copy < 0.005  # a deep copy of these 300 tables took about 20 ms


def test_conflicts_point_at_the_element_at_fault() -> None:
    model = replay(
        "CREATE TABLE users (id int, nick text);\nCREATE INDEX users_nick ON users (nick);"
    )
    sql = (
        "CREATE TABLE users (id int);\n"
        "ALTER TABLE users DROP COLUMN nick_name,\n  ADD COLUMN nick text;\n"
        "ALTER TABLE users DROP COLUMN nick, ADD COLUMN nick varchar(10);\n"
        "CREATE INDEX users_nick ON users (id);\nALTER TABLE missing ADD COLUMN a int;"
    )
    found = [
        (conflict.message, conflict.line, conflict.column)
        for node in typed_statements(parse_sql(sql, "postgres"), "postgres")
        for conflict in model.conflicts(node)
    ]
    assert found == [
        ("table users already exists", 1, 14),
        ('column "nick_name" does not exist', 2, 31),
        ('column "nick" already exists', 3, 14),
        ("index users_nick already exists", 5, 14),
        ("table missing does not exist", 6, 13),
    ]


def test_ctas_columns_come_from_the_query_with_known_types() -> None:
    model = replay(
        "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(10,2) NOT NULL, note text);\n"
        "CREATE TABLE big AS SELECT o.id AS order_id, o.total, CAST(o.note AS varchar(20)) AS n, "
        "count(*) AS c FROM orders o GROUP BY 1, 2, 3;\n"
        "CREATE TABLE everything AS SELECT * FROM orders;"
    )
    big = model.tables["public.big"].columns
    assert [(c.name, c.type, c.nullable) for c in big.values()] == [
        ("order_id", "bigint", True),
        ("total", "numeric(10,2)", True),
        ("n", "character varying(20)", True),
        ("c", "bigint", True),
    ]
    assert list(model.tables["public.everything"].columns) == ["id", "total", "note"]


def test_apply_refuses_a_parsed_statement() -> None:
    (parsed,) = parse_sql("CREATE TABLE t (a int);", "postgres").statements
    with pytest.raises(TypeError, match="typed statement"):
        SchemaModel().apply(parsed)  # type: ignore[arg-type]
