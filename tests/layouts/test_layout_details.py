"""What each layout says beyond names: Flyway's repeatables re-run when they change, dbmate's
`transaction:false`, Sqitch's own transactions, Liquibase's changeset ids, and the base
branch read in the same layout (`check --changed`)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from dbops.adapters.migration_files import load_migrations
from dbops.core.crossfile import CHECKSUM_CHANGED, OUT_OF_ORDER
from tests.layouts.samples import LAYOUT_NAMES, NAME, VIEW, sample, with_finding, write
from tests.layouts.test_layouts import project


def pending(run_cli: Any, root: Path) -> list[str]:
    plan = run_cli("plan", "--env", "test", "--format", "json", cwd=root)
    assert plan.exit_code == 0, plan.stdout + plan.stderr
    (target,) = json.loads(plan.stdout)["targets"]
    assert target["drift"] == []
    return [Path(item["file"]).name for item in target["pending"]]


def test_a_repeatable_runs_after_the_versioned_and_again_when_it_changes(
    run_cli: Any, tmp_path: Path
) -> None:
    project(tmp_path, "flyway", "sqlite", "sqlite:///t.db")
    assert pending(run_cli, tmp_path)[-1] == "R__user_emails_view.sql"
    assert run_cli("rollout", "--env", "test", cwd=tmp_path).exit_code == 0
    assert pending(run_cli, tmp_path) == []

    # A new versioned migration and an edited view: the version first, then the view again,
    # and no out-of-order drift although the view ran "after" every version.
    write(tmp_path / "db", {
        "V3__more_names.sql": NAME.replace("display_name", "nickname"),
        "R__user_emails_view.sql": VIEW.replace("id, email", "id, email, display_name"),
    })  # fmt: skip
    assert pending(run_cli, tmp_path) == ["V3__more_names.sql", "R__user_emails_view.sql"]
    rollout = run_cli("rollout", "--env", "test", cwd=tmp_path)
    assert rollout.exit_code == 0, rollout.stdout + rollout.stderr
    assert pending(run_cli, tmp_path) == []


def test_layout_facts(tmp_path: Path) -> None:
    write(tmp_path / "dbmate", sample("dbmate"))
    dbmate = {m.name: m for m in load_migrations(tmp_path / "dbmate", tmp_path)}
    audit = dbmate["20240102130000_create_audit_log.sql"]
    assert audit.no_transaction and audit.down_no_transaction
    assert "DROP TABLE" not in audit.text and audit.down_text
    assert audit.down_text.split("\n")[4] == "DROP TABLE audit_log;"  # line 5 of the file
    assert not dbmate["20240101120000_create_users.sql"].no_transaction

    write(tmp_path / "sqitch", sample("sqitch"))
    users, orders, _names = load_migrations(tmp_path / "sqitch", tmp_path)
    assert users.no_transaction and users.down_no_transaction  # BEGIN ... COMMIT of its own
    assert not orders.no_transaction
    assert (users.description, users.version.text) == ("users: Users who order.", "1")

    write(tmp_path / "lb", sample("liquibase-sql"))
    changesets = load_migrations(tmp_path / "lb", tmp_path)
    assert [m.description for m in changesets] == ["alice:1", "alice:2", "bob:add-display-name"]
    assert changesets.files[2].down_text is not None
    assert changesets.files[2].down_text.strip().split("\n")[-2:] == [
        "ALTER TABLE users",
        "  DROP COLUMN display_name;",
    ]


def test_changed_compares_with_the_base_branch_in_the_same_layout(
    run_cli: Any, tmp_path: Path
) -> None:
    project(tmp_path, "dbmate", "postgres", "sqlite:///t.db", fail_on="error")

    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
            cwd=tmp_path, check=True, capture_output=True,
        )  # fmt: skip

    git("init", "-q", "-b", "main")
    git("add", ".")
    git("commit", "-q", "-m", "base")
    unchanged = run_cli("check", "--base", "main", "--format", "json", cwd=tmp_path)
    assert cross_file(unchanged.stdout) == [], unchanged.stdout
    edited = tmp_path / "db" / "20240101120000_create_users.sql"
    edited.write_text(edited.read_text().replace("320", "400"))
    changed = run_cli("check", "--base", "main", "--format", "json", cwd=tmp_path)
    assert cross_file(changed.stdout) == [
        (CHECKSUM_CHANGED, "db/20240101120000_create_users.sql")
    ], changed.stdout


def cross_file(report: str) -> list[tuple[str, str]]:
    return [
        (f["rule"], f["file"])
        for f in json.loads(report)["findings"]
        if f["rule"] in (CHECKSUM_CHANGED, OUT_OF_ORDER)
    ]


@pytest.mark.parametrize("layout", LAYOUT_NAMES)
def test_a_new_migration_on_a_branch_is_in_order_in_every_layout(
    run_cli: Any, tmp_path: Path, layout: str
) -> None:
    project(tmp_path, layout, "postgres", "sqlite:///t.db", fail_on="error")
    for args in (("init", "-q", "-b", "main"), ("add", "."), ("commit", "-q", "-m", "base")):
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
            cwd=tmp_path, check=True, capture_output=True,
        )  # fmt: skip
    files, bad_file, _line = with_finding(layout)
    write(tmp_path / "db", files)
    result = run_cli("check", "--changed", "--base", "main", "--format", "json", cwd=tmp_path)
    report = json.loads(result.stdout)
    assert cross_file(result.stdout) == [], result.stdout
    assert {f["file"] for f in report["findings"]} == {f"db/{bad_file}"}


def test_dbmate_markers_without_a_space_run_on_mariadb(
    run_cli: Any, tmp_path: Path, fresh_mysql: str
) -> None:
    project(tmp_path, "dbmate", "mysql", fresh_mysql)
    text = (
        "--migrate:up\nCREATE TABLE tags (id bigint PRIMARY KEY);\n"
        "--migrate:down\nDROP TABLE tags;\n"
    )
    write(tmp_path / "db", {"20240105120000_tags.sql": text})
    result = run_cli("rollout", "--env", "test", cwd=tmp_path)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert (
        run_cli("rollback", "--env", "test", "--to", "20240103120000", cwd=tmp_path).exit_code == 0
    )


def test_a_missing_rollback_is_named_as_the_layout_keeps_it(run_cli: Any, tmp_path: Path) -> None:
    expected = {
        "flyway": ("U2__add_display_name.sql", "U2__add_display_name.sql"),
        "golang-migrate": ("000003_add_display_name.down.sql", "000003_add_display_name.down.sql"),
        "diesel": ("2024-01-03-120000_add_display_name/down.sql", "_add_display_name/down.sql"),
        "sqitch": ("revert/display_name.sql", "revert/display_name.sql"),
    }
    for layout, (removed, named) in expected.items():
        root = tmp_path / layout
        root.mkdir()
        project(root, layout, "sqlite", "sqlite:///t.db")
        (root / "db" / removed).unlink()
        assert run_cli("rollout", "--env", "test", cwd=root).exit_code == 0
        result = run_cli("rollback", "--env", "test", "--to", "0", cwd=root)
        assert result.exit_code == 2, (layout, result.stderr)
        assert "has no rollback (" in result.stderr and named in result.stderr, result.stderr
