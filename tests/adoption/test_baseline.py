"""`dbops baseline`: a database that already has the first migrations' schema (made before
dbops) is recorded at that version, and the next rollout applies only the rest; on each
engine."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.adoption.conftest import execute
from tests.adoption.test_import_history import applied_by_the_other_tool, configure, target_json
from tests.layouts.samples import sample, write


def test_baseline_then_rollout_applies_only_the_rest(
    run_cli: Any, tmp_path: Path, engine_url: str
) -> None:
    files = applied_by_the_other_tool(run_cli, tmp_path, engine_url, "golang-migrate")
    write(tmp_path / "db", files)
    configure(tmp_path, engine_url)

    # the database has no display_name column yet: it is not at version 3
    ahead = run_cli("baseline", "--env", "test", "--version", "3", cwd=tmp_path)
    assert ahead.exit_code == 2 and "column users.display_name" in ahead.stderr, ahead.stderr
    result = run_cli("baseline", "--env", "test", "--version", "2", cwd=tmp_path)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "t1: recorded 2 migration(s) as baseline 2 (000001, 000002)." in result.stdout
    status = target_json(run_cli, tmp_path, "status")
    assert [(row["version"], row["status"]) for row in status["history"]] == [
        ("000001", "baseline"),
        ("000002", "baseline"),
    ]
    assert [item["version"] for item in status["pending"]] == ["000003"]

    rollout = run_cli("rollout", "--env", "test", cwd=tmp_path)
    assert rollout.exit_code == 0, rollout.stdout + rollout.stderr
    # and it can be rolled back like any other history (the down files run)
    back = run_cli("rollback", "--env", "test", "--to", "0", cwd=tmp_path)
    assert back.exit_code == 0, back.stdout + back.stderr
    assert target_json(run_cli, tmp_path, "status")["applied"] == 0


def test_a_sqitch_baseline_runs_the_verify_scripts(
    run_cli: Any, tmp_path: Path, engine_url: str
) -> None:
    files = sample("sqitch")
    scratch = tmp_path / "scratch"
    earlier = {k: v for k, v in files.items() if "display_name" not in k}
    earlier["sqitch.plan"] = "".join(
        line
        for line in files["sqitch.plan"].splitlines(keepends=True)
        if "display_name" not in line
    )
    write(scratch / "db", earlier)
    configure(
        scratch, engine_url if not engine_url.startswith("sqlite") else "sqlite:///../target.db"
    )
    assert run_cli("rollout", "--env", "test", cwd=scratch).exit_code == 0
    execute(engine_url, tmp_path, ["DROP TABLE dbops_schema_history"])
    broken = {**files, "verify/orders.sql": "SELECT id, shipped_at FROM orders WHERE 1 = 0;\n"}
    write(tmp_path / "db", broken)
    configure(tmp_path, engine_url)

    refused = run_cli("baseline", "--env", "test", "--version", "2", cwd=tmp_path)
    assert refused.exit_code == 2
    assert "db/verify/orders.sql" in refused.stderr and "shipped_at" in refused.stderr
    assert target_json(run_cli, tmp_path, "status")["history"] == []

    write(tmp_path / "db", files)  # Sqitch's own verify scripts pass
    accepted = run_cli("baseline", "--env", "test", "--version", "2", cwd=tmp_path)
    assert accepted.exit_code == 0, accepted.stderr
    rollout = run_cli("rollout", "--env", "test", cwd=tmp_path)
    assert rollout.exit_code == 0, rollout.stdout + rollout.stderr
