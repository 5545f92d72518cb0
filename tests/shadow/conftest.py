"""Shadow-run test helpers: small projects, the issue's three examples, and what a server
still holds that looks like a shadow."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

HISTORY = {
    "postgres": "CREATE TABLE users (id bigint PRIMARY KEY, email text, age integer);\n",
    "mysql": "CREATE TABLE users (id bigint PRIMARY KEY, email varchar(100), age int);\n",
    "sqlite": "CREATE TABLE users (id integer PRIMARY KEY, email text, age integer);\n",
}

# The examples: each passes the static review and fails only on a database. The
# statement at fault is on line 2 of its file (after a harmless first statement).
EXAMPLES = {
    "typo-in-create-index": "ALTER TABLE users ADD COLUMN nick text;\n"
    "CREATE INDEX users_email_idx ON users (emial);\n",
    "insert-into-missing-table": "ALTER TABLE users ADD COLUMN nick text;\n"
    "INSERT INTO refunds (id) VALUES (1);\n",
    "wrong-type": "ALTER TABLE users ADD COLUMN nick text;\n"
    "INSERT INTO users (id, email, age) VALUES (1, 'a@example.com', 'forty');\n",
}
# SQLite's columns take any value (type affinity): its wrong type is a STRICT table's.
SQLITE_WRONG_TYPE = (
    "CREATE TABLE points (id integer PRIMARY KEY, x integer) STRICT;\n"
    "INSERT INTO points (id, x) VALUES (1, 'forty');\n"
)


def make_project(
    root: Path, dialect: str, files: dict[str, str], config: dict[str, Any] | None = None
) -> Path:
    (root / "migrations").mkdir(parents=True, exist_ok=True)
    settings = {"dialect": dialect, **(config or {})}
    (root / "dbops.yaml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    for name, text in files.items():
        (root / "migrations" / name).write_text(text, encoding="utf-8")
    return root


def shadow_findings(stdout: str) -> list[tuple[str, int, str, str]]:
    """(file, line, rule, message) of the shadow's findings in a `--format json` report."""
    report = json.loads(stdout)
    return [
        (f["file"], f["line"], f["rule"], f["message"])
        for f in report["findings"]
        if f["rule"] in ("shadow-error", "lock-model-mismatch")
    ]


def shadow_of_the_run(text_report: str) -> str:
    """The shadow a check's text report says it ran in."""
    match = re.search(r"shadow run on .*?(dbops_shadow_\d{14}_[0-9a-f]+)", text_report)
    assert match is not None, text_report
    return match.group(1)


def postgres_shadows(url: str) -> set[str]:
    """Databases and schemas on the server that carry the shadow prefix."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        rows = connection.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE 'dbops\\_shadow\\_%' UNION ALL "
            "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'dbops\\_shadow\\_%'"
        ).fetchall()
    return {str(name) for (name,) in rows}


def mysql_shadows(url: str) -> set[str]:
    from urllib.parse import urlsplit

    import pymysql

    parts = urlsplit(url)
    connection = pymysql.connect(
        host=parts.hostname,
        port=parts.port or 3306,
        user=parts.username,
        password=parts.password or "",
        autocommit=True,
    )
    try:
        with connection.cursor() as cursor:
            cursor.execute("SHOW DATABASES LIKE 'dbops\\_shadow\\_%'")
            return {str(name) for (name,) in cursor.fetchall()}
    finally:
        connection.close()


def finding_lines(text_report: str) -> list[str]:
    """Each finding of a text report as one line, `file:line:col level rule message`, from its
    heading (`level[rule]: message`, however the terminal wrapped it) and ` --> file:line:col`."""
    found = []
    heading: list[str] = []
    for line in text_report.splitlines():
        where = re.match(r"^\s*--> (\S+)\s*$", line)
        if re.match(r"^(error|warning|info)\[[a-z-]+\]: ", line):
            heading = [line.strip()]
        elif where and heading:
            head = re.match(r"^(\w+)\[([a-z-]+)\]: (.*)$", " ".join(heading))
            assert head is not None
            found.append(f"{where.group(1)} {head.group(1)} {head.group(2)} {head.group(3)}")
            heading = []
        elif heading:
            heading.append(line.strip())
    return found
