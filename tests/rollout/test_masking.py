"""Passwords never appear in any output, wherever the URL keeps them: in its user-info, in a
`?password=` parameter, or in a libpq `key=value` string."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from dbops.adapters.databases.urls import mask_secrets, mask_url
from tests.rollout.conftest import make_project, one_target

SECRET = "Sekr3tPW"
FILES = {"001_create_items.sql": "CREATE TABLE items (id INTEGER PRIMARY KEY);\n"}


@pytest.mark.parametrize(
    ("url", "shown", "secrets"),
    [
        ("postgresql://u:p@ss@h/db", "postgresql://u:***@h/db", ("p@ss",)),
        (
            "postgresql://u@h/db?password=Sek%40r&sslmode=require",
            "postgresql://u@h/db?password=***&sslmode=require",
            ("Sek@r", "Sek%40r"),
        ),
        (
            "host=h password=abc sslpassword=def dbname=x",
            "host=h password=*** sslpassword=*** dbname=x",
            ("abc", "def"),
        ),
    ],
)
def test_every_spelling_of_a_password_is_masked(
    url: str, shown: str, secrets: tuple[str, ...]
) -> None:
    assert mask_url(url) == shown
    message = mask_secrets(f"failed: {url} ({', '.join(secrets)})", url)
    assert all(secret not in message for secret in secrets), message


def test_no_command_prints_a_password_from_the_url_query(
    run_cli, tmp_path: Path, postgres_url: str
) -> None:
    parts = urlsplit(postgres_url)
    in_query = urlunsplit((*parts[:2], "/dbops_no_such_db", f"password={SECRET}", ""))
    key_value = f"host=127.0.0.1 password={SECRET} dbname=x"
    bad_port = f"mysql://root:{SECRET}@127.0.0.1:notaport/x"
    for index, url in enumerate((in_query, key_value, bad_port)):
        root = make_project(tmp_path / str(index), one_target(url), FILES)
        for command in ("plan", "status", "rollout"):
            result = run_cli(command, "--env", "test", "--format", "json", cwd=root)
            assert result.exit_code in (1, 2), (url, command, result.stderr)
            assert SECRET not in result.stdout + result.stderr, (url, command)
            assert "internal error" not in result.stderr
