"""The review before a rollout runs only when some target has something to apply."""

from __future__ import annotations

from pathlib import Path

import pytest

from dbops.adapters.config_file import load_project
from dbops.commands.release import Runtime
from dbops.commands.rollout import RolloutRequest, run_rollout
from tests.rollout.conftest import make_project, one_target, query

FAILS_REVIEW = {"001_nopk.sql": "CREATE TABLE nopk (name TEXT NOT NULL);\n"}


def _require_review(root: Path) -> None:
    config = (root / "dbops.yaml").read_text().replace("fail_on: never", "fail_on: error")
    (root / "dbops.yaml").write_text(config)


def test_nothing_pending_skips_the_review_and_pending_work_runs_it(run_cli, tmp_path: Path) -> None:
    root = make_project(tmp_path, one_target("sqlite:///test.db"), FAILS_REVIEW)
    assert run_cli("rollout", "--env", "test", cwd=root).exit_code == 0  # fail_on: never
    _require_review(root)

    up_to_date = run_cli("rollout", "--env", "test", cwd=root)
    assert up_to_date.exit_code == 0, up_to_date.stderr
    assert "review of environment" not in up_to_date.stderr

    (root / "migrations" / "002_ok.sql").write_text("CREATE TABLE ok (id INTEGER PRIMARY KEY);\n")
    pending = run_cli("rollout", "--env", "test", cwd=root)
    assert pending.exit_code == 1
    assert "review of environment 'test'" in pending.stderr
    assert (
        query("sqlite:///test.db", root, "SELECT name FROM sqlite_master WHERE name = 'ok'") == []
    )


def test_the_look_for_pending_work_creates_no_database(run_cli, tmp_path: Path) -> None:
    root = make_project(tmp_path, one_target("sqlite:///test.db"), FAILS_REVIEW)
    _require_review(root)

    result = run_cli("rollout", "--env", "test", cwd=root)

    assert result.exit_code == 1 and "review of environment 'test'" in result.stderr
    assert not (root / "test.db").exists()


def test_work_that_appears_after_a_skipped_review_is_not_applied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path, one_target("sqlite:///test.db"), FAILS_REVIEW)
    _require_review(root)
    # As if another process removed history rows between the look and the lock.
    monkeypatch.setattr("dbops.commands.rollout._anything_pending", lambda *_: False)

    outcome = run_rollout(load_project(None, root), RolloutRequest("test"), Runtime(cwd=root))

    assert outcome.exit_code == 1
    (target,) = outcome.targets
    assert "became pending" in " ".join(target.errors) and not target.results
    assert (
        query("sqlite:///test.db", root, "SELECT name FROM sqlite_master WHERE name = 'nopk'") == []
    )
