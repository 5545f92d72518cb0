"""A migration that changes the session (PostgreSQL `search_path`, as pg_dump output does;
MySQL `USE`) neither sends the history row elsewhere nor leaks into the next file."""

from __future__ import annotations

from pathlib import Path

from tests.rollout.conftest import make_project, one_target, query


def test_search_path_set_by_a_file_is_put_back(
    run_cli, tmp_path: Path, fresh_postgres: str
) -> None:
    files = {
        "001_dump.sql": (
            "SELECT pg_catalog.set_config('search_path', '', false);\n"
            "CREATE TABLE public.a (id int);\n"
        ),
        "002_next.sql": "CREATE TABLE b (id int);\n",
    }
    root = make_project(tmp_path, one_target(fresh_postgres), files, dialect="postgres")

    result = run_cli("rollout", "--env", "test", cwd=root)

    assert result.exit_code == 0, result.stdout
    rows = query(fresh_postgres, root, "SELECT version, status FROM public.dbops_schema_history")
    assert rows == [("001", "applied"), ("002", "applied")]
    assert query(fresh_postgres, root, "SELECT to_regclass('public.b') IS NOT NULL") == [(True,)]


def test_use_in_a_file_does_not_move_the_history(run_cli, tmp_path: Path, fresh_mysql: str) -> None:
    files = {
        "001_elsewhere.sql": "USE information_schema;\nSELECT 1;\n",
        "002_next.sql": "CREATE TABLE b (id int);\n",
    }
    root = make_project(tmp_path, one_target(fresh_mysql), files, dialect="mysql")

    result = run_cli("rollout", "--env", "test", cwd=root)

    assert result.exit_code == 0, result.stdout
    rows = query(fresh_mysql, root, "SELECT version, status FROM dbops_schema_history")
    assert rows == [("001", "applied"), ("002", "applied")]
    assert query(fresh_mysql, root, "SELECT COUNT(*) FROM b") == [(0,)]
