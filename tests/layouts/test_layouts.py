"""Each runner's layout, read as it is: detected, reviewed with findings on the user's own file
and line, released, rolled out to real PostgreSQL/MariaDB/SQLite, and rolled back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from dbops.adapters.migration_files import load_migrations
from tests.layouts.samples import LAYOUT_NAMES, sample, with_finding, write

COUNTS = {"dbmate": 4, "flyway": 4}  # dbmate's sample has 4 files; flyway 3 + a repeatable


def project(
    root: Path, layout: str, dialect: str, url: str, explicit: bool = False, fail_on: str = "never"
) -> Path:
    migrations: Any = {"path": "db", "layout": layout} if explicit else "db"
    config = {
        "migrations": migrations,
        "dialect": dialect,
        "review": {"fail_on": fail_on},
        "environments": {"test": {"targets": [{"name": "t1", "url": url}]}},
    }
    (root / "dbops.yaml").write_text(yaml.safe_dump(config, sort_keys=False))
    write(root / "db", sample(layout))
    return root


@pytest.mark.parametrize("layout", LAYOUT_NAMES)
def test_a_layout_is_detected_from_its_files(tmp_path: Path, layout: str) -> None:
    from dbops.adapters.migration_files import load_migrations
    from dbops.layouts import detect_layout
    from dbops.layouts.files import SourceFile

    files = sample(layout)
    sources = [SourceFile(name, name, text.encode()) for name, text in files.items()]
    assert detect_layout(sources) == layout
    write(tmp_path, files)
    migrations = load_migrations(tmp_path, tmp_path)
    assert len(migrations) == COUNTS.get(layout, 3)
    versioned = [m for m in migrations if not m.repeatable]
    assert all(m.down_text for m in versioned), [m.path for m in versioned if not m.down_text]


@pytest.mark.parametrize("explicit", [False, True])
@pytest.mark.parametrize("layout", LAYOUT_NAMES)
def test_findings_point_at_the_users_own_file_and_line(
    run_cli: Any, tmp_path: Path, layout: str, explicit: bool
) -> None:
    project(tmp_path, layout, "postgres", "sqlite:///x.db", explicit, fail_on="error")
    files, bad_file, line = with_finding(layout)
    write(tmp_path / "db", files)
    result = run_cli("check", "--format", "json", "--select", "column-no-null", cwd=tmp_path)
    assert result.exit_code == 1, result.stdout + result.stderr
    findings = json.loads(result.stdout)["findings"]
    assert [(f["file"], f["line"], f["rule"]) for f in findings] == [
        (f"db/{bad_file}", line, "column-no-null")
    ]


@pytest.mark.parametrize("layout", LAYOUT_NAMES)
def test_release_rollout_rollback_on_each_engine(
    run_cli: Any, tmp_path: Path, engine_url: str, layout: str
) -> None:
    engine = engine_url.split(":", 1)[0].replace("postgresql", "postgres")
    project(tmp_path, layout, engine, engine_url)
    count = COUNTS.get(layout, 3)
    created = run_cli("release", "create", "--output", "release.json", cwd=tmp_path)
    assert created.exit_code == 0, created.stderr
    first = run_cli("rollout", "--env", "test", "--release", "release.json", cwd=tmp_path)
    assert first.exit_code == 0, first.stdout + first.stderr
    assert applied(run_cli, tmp_path) == count

    # Flyway's repeatable view reads users: roll back to the first version, not below it.
    to = "1" if layout == "flyway" else "0"
    back = run_cli("rollback", "--env", "test", "--to", to, cwd=tmp_path)
    assert back.exit_code == 0, back.stdout + back.stderr
    assert applied(run_cli, tmp_path) == (2 if layout == "flyway" else 0)

    # Rolled out again: every CREATE runs again, so the rollback really removed the objects.
    again = run_cli("rollout", "--env", "test", cwd=tmp_path)
    assert again.exit_code == 0, again.stdout + again.stderr
    assert applied(run_cli, tmp_path) == count


def applied(run_cli: Any, root: Path) -> int:
    status = run_cli("status", "--env", "test", "--format", "json", cwd=root)
    assert status.exit_code == 0, status.stdout + status.stderr
    (target,) = json.loads(status.stdout)["targets"]
    return int(target["applied"])


def test_an_unknown_layout_is_a_config_error_naming_the_key(run_cli: Any, tmp_path: Path) -> None:
    project(tmp_path, "dbops", "postgres", "sqlite:///x.db")
    config = yaml.safe_load((tmp_path / "dbops.yaml").read_text())
    config["migrations"] = {"path": "db", "layout": "rails"}
    (tmp_path / "dbops.yaml").write_text(yaml.safe_dump(config))
    result = run_cli("check", cwd=tmp_path)
    assert result.exit_code == 2
    assert "migrations" in result.stderr and "layout" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_file_that_does_not_fit_the_layout_is_named(run_cli: Any, tmp_path: Path) -> None:
    project(tmp_path, "golang-migrate", "postgres", "sqlite:///x.db", explicit=True)
    write(tmp_path / "db", {"notes.sql": "SELECT 1;\n"})
    result = run_cli("check", cwd=tmp_path)
    assert result.exit_code == 2
    assert "db/notes.sql" in result.stderr and "golang-migrate" in result.stderr


NEW_FILES = {
    "dbops": ["004_add_notes.sql"],
    "flyway": ["V3__add_notes.sql"],
    "golang-migrate": ["000004_add_notes.up.sql", "000004_add_notes.down.sql"],
    "dbmate": ["<stamp>_add_notes.sql"],
    "diesel": ["<folder>_add_notes/up.sql", "<folder>_add_notes/down.sql"],
}


@pytest.mark.parametrize("layout", sorted(NEW_FILES))
def test_new_writes_the_next_migration_in_the_folders_layout(
    run_cli: Any, tmp_path: Path, layout: str
) -> None:
    project(tmp_path, layout, "postgres", "sqlite:///x.db", fail_on="error")
    before = {path for path in (tmp_path / "db").rglob("*") if path.is_file()}
    created = run_cli("new", "add notes", cwd=tmp_path)
    assert created.exit_code == 0, created.stderr
    added = sorted(
        path.relative_to(tmp_path / "db").as_posix()
        for path in (tmp_path / "db").rglob("*")
        if path.is_file() and path not in before
    )
    expected = NEW_FILES[layout]
    if layout in ("dbmate", "diesel"):  # a timestamp after the sample's newest one
        assert len(added) == len(expected) and all(
            a.endswith(e.split(">")[1]) for a, e in zip(added, sorted(expected), strict=True)
        )
    else:
        assert added == sorted(expected)
    assert created.stdout.strip().startswith("db/")
    # the folder still reads in its layout, with one migration more, and passes the review
    result = run_cli("check", "--format", "json", "--select", "column-no-null", cwd=tmp_path)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert json.loads(result.stdout)["summary"]["files"] == COUNTS.get(layout, 3) + 1


@pytest.mark.parametrize("layout", ["sqitch", "liquibase-sql"])
def test_new_says_how_to_add_to_a_plan_it_does_not_write(
    run_cli: Any, tmp_path: Path, layout: str
) -> None:
    project(tmp_path, layout, "postgres", "sqlite:///x.db")
    result = run_cli("new", "add notes", cwd=tmp_path)
    assert result.exit_code == 2 and layout in result.stderr


@pytest.mark.parametrize(
    ("layout", "advice"),
    [
        ("flyway", "dbops import-history --from flyway --env test"),
        ("liquibase-sql", "dbops import-history --from liquibase --env test"),
        ("sqitch", "dbops baseline --env test --version V"),
        ("flyway-versioned-only", "dbops import-history --from flyway --env test"),
    ],
)
def test_init_in_a_repository_with_another_runners_folder(
    run_cli: Any, tmp_path: Path, layout: str, advice: str
) -> None:
    files = sample(layout.removesuffix("-versioned-only"))
    if layout.endswith("-versioned-only"):  # V files only: still Flyway's
        files = {name: text for name, text in files.items() if name.startswith("V")}
        layout = "flyway"
    write(tmp_path / "db" / "migrations", files)
    result = run_cli("init", "--migrations", "db/migrations", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    config = yaml.safe_load((tmp_path / "dbops.yaml").read_text())
    assert config["migrations"] == {"path": "db/migrations", "layout": layout}
    assert not (tmp_path / "db" / "migrations" / "000001_create_app_user.sql").exists()
    assert f"in the {layout} layout" in result.stdout and advice in result.stdout
    check = run_cli("check", "--format", "json", "--select", "column-no-null", cwd=tmp_path)
    assert check.exit_code == 0, check.stdout + check.stderr
    assert json.loads(check.stdout)["summary"]["files"] == len(
        load_migrations(tmp_path / "db" / "migrations")
    )
