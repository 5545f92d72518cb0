"""Adoption tests: real databases where another tool (simulated by SQL it would have run) left
its schema and its own history table, created as that tool defines it."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

from tests.rollout.conftest import engine_url, fresh_mysql, fresh_postgres  # noqa: F401


def engine_of(url: str) -> str:
    scheme = url.split(":", 1)[0]
    return {"postgresql": "postgres", "mysql": "mysql"}.get(scheme, "sqlite")


def execute(url: str, root: Path, statements: Sequence[str]) -> None:
    """Run statements on the target as another tool would."""
    engine = engine_of(url)
    if engine == "sqlite":
        connection = sqlite3.connect(root / url.removeprefix("sqlite:///"))
        with connection:
            for statement in statements:
                connection.execute(statement)
        connection.close()
    elif engine == "postgres":
        import psycopg

        with psycopg.connect(url, autocommit=True) as connection:
            for statement in statements:
                connection.execute(statement.encode())
    else:
        import pymysql

        parts = urlsplit(url)
        connection = pymysql.connect(
            host=parts.hostname, port=parts.port or 3306, user=parts.username,
            password=parts.password or "", database=parts.path.lstrip("/"), autocommit=True,
        )  # fmt: skip
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
        connection.close()
