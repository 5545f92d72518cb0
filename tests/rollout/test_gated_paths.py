"""Every command that changes targets passes the same gates and review as a rollout (issue 14):
rollback (its `.down.sql` files reviewed), repair, baseline and import-history; exit 3 and
nothing run when a gate fails."""

from __future__ import annotations

from pathlib import Path

from tests.rollout.conftest import make_project, query

FILES = {
    "001_create_a.sql": "CREATE TABLE a (id INTEGER PRIMARY KEY);\n",
    "001_create_a.down.sql": "DROP TABLE a;\n",
    "002_create_b.sql": "CREATE TABLE b (id INTEGER PRIMARY KEY);\n",
    "002_create_b.down.sql": "DROP TABLE b;\n",
}
HISTORY = "SELECT version, operation, status FROM dbops_schema_history ORDER BY rank_id"


def _promoted(prod_url: str, **prod: object) -> dict[str, object]:
    return {
        "test": {"targets": [{"name": "t1", "url": "sqlite:///test.db"}]},
        "prod": {"targets": [{"name": "p1", "url": prod_url}], "requires": ["test"], **prod},
    }


def test_rollback_requires_the_required_environment_rolled_back_first(
    run_cli, tmp_path: Path, engine_url: str
) -> None:
    root = make_project(tmp_path, _promoted(engine_url), FILES)
    assert run_cli("rollout", "--env", "test", cwd=root).exit_code == 0
    assert run_cli("rollout", "--env", "prod", cwd=root).exit_code == 0

    refused = run_cli("rollback", "--env", "prod", "--to", "001", cwd=root)

    assert refused.exit_code == 3, refused.stdout + refused.stderr
    assert "t1 still has 002" in refused.stdout
    assert "nothing was rolled back in prod" in refused.stdout
    assert [row[1] for row in query(engine_url, root, HISTORY)] == ["migrate", "migrate"]
    assert run_cli("rollback", "--env", "test", "--to", "001", cwd=root).exit_code == 0
    done = run_cli("rollback", "--env", "prod", "--to", "001", cwd=root)
    assert done.exit_code == 0, done.stdout + done.stderr
    assert "already done on 1 target(s)" in done.stdout
    assert query(engine_url, root, HISTORY)[-1][:2] == ("002", "rollback")


def test_rollback_reviews_the_down_files_with_the_environment_policy(
    run_cli, tmp_path: Path, engine_url: str
) -> None:
    files = {**FILES, "002_create_b.down.sql": "CREATE TABLE nopk (name TEXT NOT NULL);\n"}
    root = make_project(tmp_path, {"test": {"targets": [{"name": "t1", "url": engine_url}]}}, files)
    assert run_cli("rollout", "--env", "test", cwd=root).exit_code == 0
    config = (root / "dbops.yaml").read_text().replace("fail_on: never", "fail_on: error")
    (root / "dbops.yaml").write_text(config)

    refused = run_cli("rollback", "--env", "test", "--to", "001", cwd=root)

    assert refused.exit_code == 1
    assert "review of environment 'test'" in refused.stderr
    assert "002_create_b.down.sql" in refused.stderr
    assert [row[1] for row in query(engine_url, root, HISTORY)] == ["migrate", "migrate"]


def test_repair_passes_the_gates(run_cli, tmp_path: Path, engine_url: str) -> None:
    prod: dict[str, object] = {"targets": [{"name": "p1", "url": engine_url}]}
    root = make_project(tmp_path, {"prod": prod}, FILES)
    assert run_cli("rollout", "--env", "prod", cwd=root).exit_code == 0
    make_project(tmp_path, {"prod": {**prod, "approvals": {"min": 1}}}, FILES)
    before = query(engine_url, root, HISTORY)

    refused = run_cli("repair", "--env", "prod", "--target", "p1", cwd=root)

    assert refused.exit_code == 3, refused.stdout + refused.stderr
    assert "approvals >= 1" in refused.stdout
    assert "nothing was repaired in prod" in refused.stdout
    assert query(engine_url, root, HISTORY) == before


def test_only_in_pipelines_refuses_every_changing_command_outside_a_deployment_step(
    run_cli, tmp_path: Path
) -> None:
    environments = {
        "prod": {"targets": [{"name": "p1", "url": "sqlite:///prod.db"}], "only_in_pipelines": True}
    }
    root = make_project(tmp_path, environments, FILES)
    commands = [
        ("rollout", "--env", "prod"),
        ("rollback", "--env", "prod", "--to", "001"),
        ("repair", "--env", "prod", "--target", "p1"),
        ("baseline", "--env", "prod", "--version", "001"),
        ("import-history", "--env", "prod", "--from", "flyway"),
    ]
    for command in commands:
        refused = run_cli(*command, cwd=root, confirm=False)  # no --yes, no terminal: the gate
        assert refused.exit_code == 3, (command, refused.stdout, refused.stderr)
        assert "only_in_pipelines: true" in refused.stdout, command
        assert not (root / "prod.db").exists() or command[0] != "rollout"
    without_deployment = run_cli("rollout", "--env", "prod", cwd=root, env={
        "BITBUCKET_BUILD_NUMBER": "7"})  # fmt: skip
    assert without_deployment.exit_code == 3
    assert "without a deployment environment" in without_deployment.stdout
    assert query("sqlite:///prod.db", root, "SELECT name FROM sqlite_master") == []
    pipelines = {"BITBUCKET_BUILD_NUMBER": "7", "BITBUCKET_DEPLOYMENT_ENVIRONMENT": "production"}
    deployed = run_cli("rollout", "--env", "prod", cwd=root, env=pipelines, confirm=False)
    assert deployed.exit_code == 0, deployed.stdout + deployed.stderr
    assert "Pipelines build #7, deployment 'production'" in deployed.stdout
    assert [row[0] for row in query("sqlite:///prod.db", root, HISTORY)] == ["001", "002"]


def test_without_a_terminal_a_changing_command_needs_yes(run_cli, tmp_path: Path) -> None:
    root = make_project(
        tmp_path, {"dev": {"targets": [{"name": "d", "url": "sqlite:///d.db"}]}}, FILES
    )

    refused = run_cli("rollout", "--env", "dev", cwd=root, confirm=False)

    assert refused.exit_code == 3
    assert "no terminal to confirm it on: nothing was run" in refused.stderr
    assert "--yes" in refused.stderr
    assert not (root / "d.db").exists()
    dry_run = run_cli("rollout", "--env", "dev", "--dry-run", cwd=root, confirm=False)
    assert dry_run.exit_code == 0  # changes nothing: nothing to confirm
    assert run_cli("rollout", "--env", "dev", "--yes", cwd=root, confirm=False).exit_code == 0


class _Terminal:
    """stdin as a person at a terminal typing `answer`."""

    def __init__(self, answer: str) -> None:
        self.lines = [answer + "\n"]

    def isatty(self) -> bool:
        return True

    def readline(self) -> str:
        return self.lines.pop(0) if self.lines else ""


def test_on_a_terminal_a_changing_command_asks(run_cli, tmp_path: Path, monkeypatch) -> None:
    root = make_project(
        tmp_path, {"dev": {"targets": [{"name": "d", "url": "sqlite:///d.db"}]}}, FILES
    )
    monkeypatch.setattr("sys.stdin", _Terminal("n"))

    declined = run_cli("rollout", "--env", "dev", cwd=root, confirm=False)

    assert declined.exit_code == 3
    assert "This will roll out to environment 'dev' (1 target(s))" in declined.stderr
    assert "Not confirmed: nothing was run." in declined.stderr
    assert not (root / "d.db").exists()
    monkeypatch.setattr("sys.stdin", _Terminal("y"))
    assert run_cli("rollout", "--env", "dev", cwd=root, confirm=False).exit_code == 0
    assert [row[0] for row in query("sqlite:///d.db", root, HISTORY)] == ["001", "002"]
