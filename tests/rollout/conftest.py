"""Rollout test helpers: a fresh database per test on each engine, and small projects."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
import yaml

from tests.conftest import as_script


def _with_database(url: str, database: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{database}", parts.query, parts.fragment))


@pytest.fixture
def fresh_postgres(postgres_url: str) -> Iterator[str]:
    """A new, empty PostgreSQL database for one test, dropped afterwards."""
    import psycopg

    name = f"dbops_rt_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}".encode())
    yield _with_database(postgres_url, name)
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)".encode())


@pytest.fixture
def fresh_mysql(mysql_url: str) -> Iterator[str]:
    """A new, empty MariaDB/MySQL database for one test, dropped afterwards."""
    import pymysql

    parts = urlsplit(mysql_url)
    name = f"dbops_rt_{uuid.uuid4().hex[:10]}"
    connection = pymysql.connect(
        host=parts.hostname,
        port=parts.port or 3306,
        user=parts.username,
        password=parts.password or "",
        autocommit=True,
    )
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE DATABASE {name}")
    yield _with_database(mysql_url, name)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {name}")
    connection.close()


@pytest.fixture(params=["sqlite", "postgres", "mysql"])
def engine_url(request: pytest.FixtureRequest) -> str:
    """A target URL on each engine: SQLite next to dbops.yaml, or a fresh server database."""
    if request.param == "sqlite":
        return "sqlite:///target.db"
    return str(request.getfixturevalue(f"fresh_{request.param}"))


def make_project(
    root: Path,
    environments: dict[str, object],
    migrations: dict[str, str],
    dialect: str = "sqlite",
) -> Path:
    (root / "migrations").mkdir(parents=True, exist_ok=True)
    config = {"dialect": dialect, "review": {"fail_on": "never"}, "environments": environments}
    (root / "dbops.yaml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    for name, text in migrations.items():
        (root / "migrations" / name).write_text(text, encoding="utf-8")
    return root


def one_target(url: str, **settings: object) -> dict[str, object]:
    return {"test": {"targets": [{"name": "t1", "url": url}], **settings}}


def dbops_process(root: Path, *args: str) -> subprocess.Popen[str]:
    """`python -m dbops ARGS` in `root`, as CI runs it (plain progress lines on stderr)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("BITBUCKET_")}
    env["CI"] = "true"
    return subprocess.Popen(
        [sys.executable, "-m", "dbops", *as_script(args)],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def query(url: str, root: Path, sql: str) -> list[tuple[object, ...]]:
    """Rows of `sql` on the target, through the same URL handling as dbops."""
    from dbops.adapters.databases import open_target

    database = open_target(url, "test", root)
    try:
        return database._rows(sql)  # type: ignore[attr-defined]
    finally:
        database.close()
