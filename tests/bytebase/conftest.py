"""A fake Bytebase on loopback HTTP and a project configured to use it."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from rich.console import Console

from tests.conftest import write_migrations
from tests.fakes.bytebase import FakeBytebase, serve

SERVICE_KEY = "bbs_secret_key_123"
MIGRATIONS = {
    "V1__init.sql": "CREATE TABLE t1 (id INT PRIMARY KEY, name TEXT);\n",
    "V2__add_email.sql": "ALTER TABLE t1 ADD COLUMN email TEXT;\n",
}
TARGETS = {
    "test": ["instances/test/databases/hr_test"],
    "prod": ["instances/prod/databases/hr_prod", "instances/prod/databases/hr_prod_eu"],
}


@pytest.fixture
def fake(contracts: Path) -> Iterator[FakeBytebase]:
    """The fake server; a test fails if dbops sent anything the contract does not allow."""
    server = FakeBytebase(contracts)
    with serve(server):
        yield server
    assert server.violations == []


def write_config(root: Path, url: str, **server: str) -> None:
    lines = [
        "dialect: postgres",
        "environments:",
        "  test: {}",
        "  prod: {}",
        "server:",
        "  kind: bytebase",
        f"  url: {url}",
        "  project: projects/hr",
        "  poll_interval: 0.01",
        "  timeout: 5",
        "  targets:",
        *(f"    {env}: [{', '.join(targets)}]" for env, targets in TARGETS.items()),
    ]
    settings = {
        "service_account": "ci@service.bytebase.com",
        "service_key": "${BB_KEY}",
        **server,
    }
    lines += [f"  {key}: {value}" for key, value in settings.items() if value]
    (root / "dbops.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def bb_project(project: Path, fake: FakeBytebase, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BB_KEY", SERVICE_KEY)
    write_migrations(project, MIGRATIONS)
    write_config(project, fake.url)
    return project


@dataclass
class Captured:
    console: Console
    stream: io.StringIO

    @property
    def text(self) -> str:
        return self.stream.getvalue()


@pytest.fixture
def captured() -> Captured:
    stream = io.StringIO()
    return Captured(Console(file=stream, width=200, no_color=True, highlight=False), stream)
