"""`dbops init` writes a repository that passes `dbops check`; `dbops new` names the next file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from dbops.core.sql import dialect_name


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


@pytest.mark.parametrize("dialect", ["postgres", "mysql", "mariadb", "sqlite"])
def test_init_for_each_dialect_passes_check(run_cli, tmp_path: Path, dialect: str) -> None:
    assert run_cli("init", "--dialect", dialect, cwd=tmp_path).exit_code == 0
    check = run_cli("check", "--format", "json", cwd=tmp_path)
    assert check.exit_code == 0, check.stdout + check.stderr
    assert json.loads(check.stdout)["findings"] == []
    # mariadb is read as MySQL (the parser's dialect) and named so in the summary
    assert json.loads(check.stdout)["summary"]["dialect"] in (dialect, dialect_name(dialect))


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


SERVICE_IMAGES = {"postgres": "postgres:16", "mysql": "mysql:8.4", "mariadb": "mariadb:11"}


def _steps_by_name(document: dict[str, object], *path: str) -> dict[str, dict[str, object]]:
    group: object = document["pipelines"]
    for key in path:
        group = group[key]  # type: ignore[index]
    return {item["step"]["name"]: item["step"] for item in group}  # type: ignore[attr-defined]


@pytest.mark.parametrize("dialect", ["postgres", "mysql", "mariadb", "sqlite"])
def test_init_pipeline_uses_a_real_database_of_the_engine(
    run_cli, tmp_path: Path, dialect: str
) -> None:
    result = run_cli("init", "--dialect", dialect, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    pipeline = yaml.safe_load((tmp_path / "bitbucket-pipelines.yml").read_text())
    config = yaml.safe_load((tmp_path / "dbops.yaml").read_text())
    assert config["dialect"] == dialect and config["strict_engine"] is True
    test_url = config["environments"]["test"]["targets"][0]["url"]
    review = _steps_by_name(pipeline, "pull-requests", "**")["Review migrations"]
    main = _steps_by_name(pipeline, "branches", "main")
    assert review["clone"] == {"depth": "full"}
    assert review["caches"] == ["dbops-pip", "dbops-review"]  # the review results too
    assert all(step["caches"] == ["dbops-pip"] for step in main.values())
    assert pipeline["definitions"]["caches"]["dbops-pip"] == "~/.cache/pip"
    assert pipeline["definitions"]["caches"]["dbops-review"] == "~/.cache/dbops"
    prod = main["Roll out to prod"]
    assert prod["trigger"] == "manual" and prod["deployment"] == "production"
    assert "services" not in prod
    assert config["environments"]["prod"]["targets"][0]["url"] == "${PROD_DATABASE_URL}"
    assert all("--strict-engine" in " ".join(step["script"]) for step in [review, prod])
    if dialect == "sqlite":
        assert "services" not in pipeline["definitions"] and "services" not in review
        assert test_url == "${TEST_DATABASE_URL:-sqlite:///test.db}"
        return
    (name,) = pipeline["definitions"]["services"]
    service = pipeline["definitions"]["services"][name]
    assert service["image"] == SERVICE_IMAGES[dialect]
    assert review["services"] == [name] and main["Roll out to test"]["services"] == [name]
    # the test environment's default URL is that service's database, on its port
    database = next(
        value for key, value in service["variables"].items() if key.endswith(("_DB", "_DATABASE"))
    )
    port = "5432" if dialect == "postgres" else "3306"
    assert test_url.endswith(f":-{'postgresql://postgres' if port == '5432' else 'mysql://root'}"
                             f"@127.0.0.1:{port}/{database}}}")  # fmt: skip


def test_init_prints_next_steps_and_ignores_generated_files(run_cli, tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("node_modules/\ntest.db")
    result = run_cli("init", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    for variable in ("BITBUCKET_ACCESS_TOKEN", "TEST_DATABASE_URL", "PROD_DATABASE_URL"):
        assert variable in result.stdout
    assert "Repository variables" in result.stdout and "Deployments > production" in result.stdout
    lines = (tmp_path / ".gitignore").read_text().splitlines()
    assert lines[:2] == ["node_modules/", "test.db"]
    assert lines.count("test.db") == 1 and "release.json" in lines and "test-results/" in lines
    again = run_cli("init", "--force", cwd=tmp_path)
    assert again.exit_code == 0
    assert (tmp_path / ".gitignore").read_text().splitlines() == lines


@pytest.mark.parametrize("dialect", ["oracle", "tsql", "bigquery"])
def test_init_refuses_a_dialect_it_cannot_run(run_cli, tmp_path: Path, dialect: str) -> None:
    result = run_cli("init", "--dialect", dialect, cwd=tmp_path)
    assert result.exit_code == 2
    assert f"'{dialect}'" in result.stderr and "postgres, mysql, mariadb, sqlite" in result.stderr
    assert list(tmp_path.iterdir()) == []
