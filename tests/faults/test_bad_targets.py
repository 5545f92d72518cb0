"""Target URLs however they are written: passwords never shown, whatever they hold; a URL that
cannot be read, an unknown scheme, a bad port, a SQLite path that cannot be created or a file
that is not SQLite is exit 2 naming the target's key; `${NAME}` in a variable's value is data."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from dbops.adapters.databases.urls import mask_secrets, mask_url
from tests.rollout.conftest import make_project, one_target

SECRET = "Pa55#wo/rd"
FILES = {"001_t.sql": "CREATE TABLE t (id INTEGER PRIMARY KEY);\n"}
KEY = "environments.test.targets[0].url"
COMMANDS = ("status", "plan", "rollout")


@pytest.mark.parametrize(
    "url",
    [
        f"postgresql://u:{SECRET}@127.0.0.1:5432/db",
        f"mysql://root:{SECRET}@127.0.0.1/db",
        "postgresql://u:a?b@h/db",
        "postgresql://u:a@b#c@h/db",
    ],
)
def test_any_userinfo_is_masked_however_it_parses(url: str) -> None:
    password = url.split("://", 1)[1].split(":", 1)[1].rsplit("@", 1)[0]
    shown = mask_url(url)
    assert password not in shown and "***" in shown, shown
    assert password not in mask_secrets(f"error at {url}: {password}", url)


@pytest.mark.parametrize("command", COMMANDS)
def test_an_unreadable_url_is_refused_without_echoing_it(
    tmp_path: Path, run_cli, command: str
) -> None:
    url = f"postgresql://u:{SECRET}@127.0.0.1:5432/db"
    make_project(tmp_path, one_target(url), FILES)
    result = run_cli(command, "--env", "test", cwd=tmp_path)
    said = result.stdout + result.stderr
    assert result.exit_code == 2, said
    assert KEY in said and "percent-encode" in said
    assert SECRET not in said and "Pa55" not in said and "wo/rd" not in said


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("oracle://u@h/db", "oracle"),
        ("postgresql://u@h:notaport/db", "port"),
        ("mysql://root@127.0.0.1:99999/db", "port"),
    ],
)
@pytest.mark.parametrize("command", COMMANDS)
def test_bad_server_urls_are_exit_2_naming_the_key(
    tmp_path: Path, run_cli, url: str, said: str, command: str
) -> None:
    make_project(tmp_path, one_target(url), FILES)
    result = run_cli(command, "--env", "test", cwd=tmp_path)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert KEY in result.stdout + result.stderr and said in result.stdout + result.stderr


def test_a_sqlite_path_that_cannot_be_created_is_exit_2(tmp_path: Path, run_cli) -> None:
    (tmp_path / "blocker").write_text("a file, not a folder", encoding="utf-8")
    make_project(tmp_path, one_target("sqlite:///blocker/sub/target.db"), FILES)
    result = run_cli("rollout", "--env", "test", cwd=tmp_path)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert KEY in result.stdout + result.stderr and "cannot be created" in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_a_file_that_is_not_sqlite_is_exit_2(tmp_path: Path, run_cli, command: str) -> None:
    (tmp_path / "target.db").write_bytes(b"PK\x03\x04 this is a zip file, not SQLite " * 40)
    make_project(tmp_path, one_target("sqlite:///target.db"), FILES)
    result = run_cli(command, "--env", "test", cwd=tmp_path)
    said = result.stdout + result.stderr
    assert result.exit_code == 2, said
    assert KEY in said and "not a SQLite database" in said


def test_a_reference_inside_a_variables_value_is_data(tmp_path: Path, run_cli) -> None:
    make_project(tmp_path, one_target("sqlite:///${DB_NAME}.db"), FILES)
    result = run_cli("rollout", "--env", "test", cwd=tmp_path, env={"DB_NAME": "x${UNSET}y"})
    assert result.exit_code == 0, result.stdout + result.stderr
    connection = sqlite3.connect(tmp_path / "x${UNSET}y.db")
    assert connection.execute("SELECT COUNT(*) FROM t").fetchall() == [(0,)]
    connection.close()
