"""`dbops init` writes a repository that passes `dbops check`; `dbops new` names the next file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml


def test_init_writes_a_repository_that_passes_check(run_cli, tmp_path: Path) -> None:
    result = run_cli("init", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    for name in ("dbops.yaml", "bitbucket-pipelines.yml", ".pre-commit-config.yaml"):
        assert (tmp_path / name).is_file(), name
    assert list((tmp_path / "migrations").glob("*.sql"))
    hooks = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text())
    assert hooks["repos"][0]["hooks"][0]["id"] == "dbops-check"
    check = run_cli("check", "--format", "json", cwd=tmp_path)
    assert check.exit_code == 0, check.stdout + check.stderr
    assert json.loads(check.stdout)["findings"] == []
    report = json.loads(check.stdout)
    assert report["findings"] == [] and report["summary"]["files"] >= 1


@pytest.mark.parametrize("dialect", ["postgres", "mysql", "sqlite"])
def test_init_for_each_dialect_passes_check(run_cli, tmp_path: Path, dialect: str) -> None:
    assert run_cli("init", "--dialect", dialect, cwd=tmp_path).exit_code == 0
    check = run_cli("check", "--format", "json", cwd=tmp_path)
    assert check.exit_code == 0, check.stdout + check.stderr
    assert json.loads(check.stdout)["findings"] == []
    assert json.loads(check.stdout)["summary"]["dialect"] == dialect


def test_init_never_overwrites(run_cli, tmp_path: Path) -> None:
    (tmp_path / "dbops.yaml").write_text("dialect: sqlite\n")
    result = run_cli("init", cwd=tmp_path)
    assert result.exit_code == 2
    assert "dbops.yaml" in result.stderr and "--force" in result.stderr
    assert (tmp_path / "dbops.yaml").read_text() == "dialect: sqlite\n"


def test_new_creates_the_next_file_in_the_folder_convention(run_cli, tmp_path: Path) -> None:
    assert run_cli("init", cwd=tmp_path).exit_code == 0
    existing = {path.name for path in (tmp_path / "migrations").glob("*.sql")}
    assert existing == {"000001_create_app_user.sql"}

    created = run_cli("new", "add users", cwd=tmp_path)
    assert created.exit_code == 0, created.stderr
    assert created.stdout.strip() == "migrations/000002_add_users.sql"
    assert (tmp_path / "migrations" / "000002_add_users.sql").read_text().startswith("-- add users")

    data = run_cli("new", "Backfill user emails", "--dml", cwd=tmp_path)
    assert data.exit_code == 0, data.stderr
    assert data.stdout.strip() == "migrations/000003_backfill_user_emails_dml.sql"

    assert run_cli("check", cwd=tmp_path).exit_code == 0


def test_new_in_an_empty_project_uses_a_timestamp(run_cli, project: Path) -> None:
    created = run_cli("new", "add users", cwd=project)
    assert created.exit_code == 0, created.stderr
    name = Path(created.stdout.strip()).name
    stamp, _, rest = name.partition("_")
    assert len(stamp) == 12 and stamp.isdigit() and rest == "add_users.sql"
