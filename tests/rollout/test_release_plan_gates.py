"""Releases, plans (drift), gates, review-before-rollout, dry runs and secrets, on SQLite."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from dbops.adapters.config_file import load_project
from dbops.adapters.databases.urls import mask_secrets, mask_url
from dbops.commands.release import Runtime
from dbops.commands.rollout import RolloutRequest, run_rollout
from dbops.config import Approvals
from dbops.rollout.gates import approvals_gate, deployment_gate
from tests.rollout.conftest import make_project, one_target, query

FILES = {
    "001_create_items.sql": "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n",
    "002_add_items_dml.sql": "INSERT INTO items (id, name) VALUES (1, 'a');\n",
}
TWO_ENVIRONMENTS = {
    "test": {"targets": [{"name": "t1", "url": "sqlite:///test.db"}]},
    "prod": {
        "requires": ["test"],
        "targets": [{"name": "p1", "url": "sqlite:///prod.db"}],
    },
}


def test_release_manifest_freezes_files_for_later_rollouts(run_cli, tmp_path: Path) -> None:
    root = make_project(tmp_path, TWO_ENVIRONMENTS, FILES)
    made = run_cli(
        "release",
        "create",
        "--output",
        "release.json",
        cwd=root,
        env={"BITBUCKET_COMMIT": "abcdef1234567890"},
    )
    assert made.exit_code == 0, made.stderr
    manifest = json.loads((root / "release.json").read_text())
    assert manifest["id"].startswith("release_") and manifest["id"].endswith("-abcdef1")
    assert [m["version"] for m in manifest["migrations"]] == ["001", "002"]
    assert manifest["migrations"][0]["sha256"].startswith("sha256:")

    # A file added after the release is not part of it.
    (root / "migrations" / "003_later.sql").write_text("CREATE TABLE later (id INTEGER);\n")
    applied = run_cli("rollout", "--env", "test", "--release", "release.json", cwd=root)
    assert applied.exit_code == 0, applied.stderr
    assert query("sqlite:///test.db", root, "SELECT version FROM dbops_schema_history") == [
        ("001",),
        ("002",),
    ]

    # A released file changed since: an error before anything runs.
    (root / "migrations" / "002_add_items_dml.sql").write_text("DELETE FROM items;\n")
    changed = run_cli("rollout", "--env", "prod", "--release", "release.json", cwd=root)
    assert changed.exit_code == 2
    assert "002_add_items_dml.sql changed since the release" in changed.stderr
    assert not (root / "prod.db").exists()


def test_plan_reports_pending_and_drift_and_changes_nothing(run_cli, tmp_path: Path) -> None:
    root = make_project(tmp_path, one_target("sqlite:///test.db"), FILES)
    planned = run_cli("plan", "--env", "test", "--format", "json", cwd=root)
    assert planned.exit_code == 0, planned.stderr
    target = json.loads(planned.stdout)["targets"][0]
    assert [item["version"] for item in target["pending"]] == ["001", "002"]
    assert query("sqlite:///test.db", root, "SELECT COUNT(*) FROM sqlite_master") == [(0,)]

    assert run_cli("rollout", "--env", "test", cwd=root).exit_code == 0
    (root / "migrations" / "001_create_items.sql").write_text("CREATE TABLE items (id INT);\n")
    (root / "migrations" / "002_add_items_dml.sql").unlink()
    (root / "migrations" / "000_early.sql").write_text("CREATE TABLE early (id INTEGER);\n")

    drifted = run_cli("plan", "--env", "test", "--format", "json", cwd=root)

    assert drifted.exit_code == 1
    kinds = {d["kind"]: d for d in json.loads(drifted.stdout)["targets"][0]["drift"]}
    assert set(kinds) == {"checksum", "missing", "out-of-order"}
    assert all(d["error"] for d in kinds.values())
    refused = run_cli("rollout", "--env", "test", cwd=root)
    assert refused.exit_code == 1
    assert "changed after it was applied" in refused.stdout
    assert query("sqlite:///test.db", root, "SELECT COUNT(*) FROM dbops_schema_history") == [(2,)]


def test_drift_configured_as_warning_lets_the_rollout_go_on(run_cli, tmp_path: Path) -> None:
    drift = {"checksum": "warn", "missing": "warn", "out_of_order": "apply"}
    root = make_project(tmp_path, one_target("sqlite:///test.db", drift=drift), FILES)
    assert run_cli("rollout", "--env", "test", cwd=root).exit_code == 0
    (root / "migrations" / "001_create_items.sql").write_text("CREATE TABLE items (id INT);\n")
    (root / "migrations" / "000_early.sql").write_text("CREATE TABLE early (id INTEGER);\n")

    result = run_cli("rollout", "--env", "test", "--format", "json", cwd=root)

    assert result.exit_code == 0, result.stderr
    target = json.loads(result.stdout)["targets"][0]
    assert [item["version"] for item in target["applied"]] == ["000"]
    assert any("changed after it was applied" in warning for warning in target["warnings"])


def test_requires_gate_blocks_until_the_release_is_in_test(run_cli, tmp_path: Path) -> None:
    root = make_project(tmp_path, TWO_ENVIRONMENTS, FILES)

    blocked = run_cli("rollout", "--env", "prod", "--format", "json", cwd=root)

    assert blocked.exit_code == 3
    gates = json.loads(blocked.stdout)["gates"]
    assert gates == [{"gate": "requires test", "passed": False, "detail": "t1 lacks 001, 002"}]
    assert not (root / "prod.db").exists() or query(
        "sqlite:///prod.db", root, "SELECT COUNT(*) FROM sqlite_master"
    ) == [(0,)]
    assert run_cli("rollout", "--env", "test", cwd=root).exit_code == 0
    assert run_cli("rollout", "--env", "prod", cwd=root).exit_code == 0


@dataclass(frozen=True)
class FakeApprover:
    uuid: str
    account_id: str | None
    nickname: str | None
    display_name: str


@dataclass(frozen=True)
class FakePullRequest:
    pr_id: int
    title: str
    state: str
    approvers: tuple[FakeApprover, ...]


ALICE = FakeApprover("{a-1}", "acc-alice", "alice", "Alice")
BOB = FakeApprover("{b-2}", "acc-bob", "bob", "Bob")


def test_approvals_gate_counts_only_listed_accounts() -> None:
    merged = FakePullRequest(7, "add items", "MERGED", (ALICE, BOB))
    rule = Approvals.model_validate({"min": 2, "from": ["{A-1}", "dba-team"]})
    assert not approvals_gate(rule, [merged], "c0ffee").passed
    rule = Approvals.model_validate({"min": 2, "from": ["{a-1}", "bob"]})
    assert approvals_gate(rule, [merged], "c0ffee").passed
    open_only = FakePullRequest(8, "x", "OPEN", (ALICE, BOB))
    result = approvals_gate(rule, [open_only], "c0ffee")
    assert not result.passed and "no merged pull request" in result.detail


def test_gates_are_evaluated_together_and_nothing_runs(tmp_path: Path) -> None:
    environments = dict(TWO_ENVIRONMENTS)
    environments["prod"] = {**TWO_ENVIRONMENTS["prod"], "approvals": {"min": 1, "from": ["carol"]}}
    root = make_project(tmp_path, environments, FILES)
    project = load_project(None, root)
    runtime = Runtime(
        environ={
            "BITBUCKET_BUILD_NUMBER": "12",
            "BITBUCKET_DEPLOYMENT_ENVIRONMENT": "staging",
            "BITBUCKET_WORKSPACE": "ws",
            "BITBUCKET_REPO_SLUG": "repo",
            "BITBUCKET_COMMIT": "c0ffee",
        },
        cwd=root,
    )
    asked = []

    def approvals(workspace: str, repo: str, commit: str) -> list[FakePullRequest]:
        asked.append((workspace, repo, commit))
        return [FakePullRequest(7, "add items", "MERGED", (ALICE,))]

    outcome = run_rollout(project, RolloutRequest("prod"), runtime, approvals_source=approvals)

    assert outcome.exit_code == 3
    assert [(gate.gate, gate.passed) for gate in outcome.gates] == [
        ("requires test", False),
        ("approvals >= 1", False),
        ("pipelines deployment", False),
    ]
    assert asked == [("ws", "repo", "c0ffee")]
    assert outcome.targets == ()
    assert deployment_gate("prod", "Production").passed


def test_approvals_without_credentials_is_a_clear_gate_failure(run_cli, tmp_path: Path) -> None:
    environments = {"test": {**one_target("sqlite:///t.db")["test"], "approvals": {"min": 1}}}
    root = make_project(tmp_path, environments, FILES)
    env = {"BITBUCKET_WORKSPACE": "ws", "BITBUCKET_REPO_SLUG": "repo", "BITBUCKET_COMMIT": "c0"}

    result = run_cli("rollout", "--env", "test", "--format", "json", cwd=root, env=env)

    assert result.exit_code == 3
    (gate,) = json.loads(result.stdout)["gates"]
    assert not gate["passed"] and "BITBUCKET_" in gate["detail"]


def test_review_must_pass_before_anything_is_applied(run_cli, tmp_path: Path) -> None:
    root = make_project(tmp_path, one_target("sqlite:///test.db"), FILES)
    config = (root / "dbops.yaml").read_text().replace("fail_on: never", "fail_on: error")
    (root / "dbops.yaml").write_text(config)
    (root / "migrations" / "003_bad.sql").write_text(
        "CREATE TABLE nopk (name TEXT);\nDELETE FROM items;\n"
    )

    result = run_cli("rollout", "--env", "test", cwd=root)

    assert result.exit_code == 1
    assert "review of environment 'test'" in result.stderr
    assert not (root / "test.db").exists()


def test_dry_run_prints_the_sql_and_applies_nothing(run_cli, tmp_path: Path) -> None:
    root = make_project(tmp_path, one_target("sqlite:///test.db"), FILES)

    result = run_cli("rollout", "--env", "test", "--dry-run", cwd=root)

    assert result.exit_code == 0, result.stderr
    assert "CREATE TABLE items" in result.stdout and "INSERT INTO items" in result.stdout
    assert query("sqlite:///test.db", root, "SELECT COUNT(*) FROM sqlite_master") == [(0,)]


def test_targets_run_in_parallel_and_fail_alone(run_cli, tmp_path: Path) -> None:
    targets = [{"name": f"t{i}", "url": f"sqlite:///t{i}.db"} for i in range(4)]
    root = make_project(tmp_path, {"test": {"targets": targets, "concurrency": 3}}, FILES)
    (root / "t2.db").write_text("this is not a database")

    result = run_cli("rollout", "--env", "test", "--format", "json", cwd=root)

    assert result.exit_code == 2  # a target that is not a database is a configuration error
    statuses = {t["target"]: t["status"] for t in json.loads(result.stdout)["targets"]}
    assert statuses == {"t0": "applied", "t1": "applied", "t2": "failed", "t3": "applied"}


def test_passwords_are_masked_and_unset_variables_named(run_cli, tmp_path: Path) -> None:
    url = "postgresql://app:s3cr%40t@127.0.0.1:1/nodb"
    assert mask_url(url) == "postgresql://app:***@127.0.0.1:1/nodb"
    assert "s3cr" not in mask_secrets(f"failed for {url}: password s3cr@t wrong", url)
    root = make_project(tmp_path, one_target("${NOT_SET_DBOPS_URL}"), FILES)

    unset = run_cli("rollout", "--env", "test", cwd=root)

    assert unset.exit_code == 2
    assert "environments.test.targets[0].url" in unset.stderr
    assert "NOT_SET_DBOPS_URL" in unset.stderr
    root2 = make_project(tmp_path / "p2", one_target(url), FILES)
    refused = run_cli("rollout", "--env", "test", "--format", "json", cwd=root2)
    assert refused.exit_code == 1
    assert "s3cr" not in refused.stdout + refused.stderr
    assert "***" in refused.stdout
