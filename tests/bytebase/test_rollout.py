"""`run_server_rollout` against the fake: the whole sequence, gates, approval, failure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dbops.adapters.config_file import load_project
from dbops.commands.server_rollout import ServerRolloutOutcome, run_server_rollout
from dbops.errors import GateError, InputError, ServerError
from tests.bytebase.conftest import SERVICE_KEY, Captured, write_config
from tests.conftest import write_migrations
from tests.fakes.bytebase import FakeBytebase

PIPELINES = {
    "BITBUCKET_COMMIT": "0123abcdef99",
    "BITBUCKET_GIT_HTTP_ORIGIN": "http://bitbucket.org/acme/app",
}


def _rollout(
    root: Path,
    env: str,
    captured: Captured,
    *,
    plan: str | None = None,
    dry_run: bool = False,
    output_format: str = "text",
    manifest: Path | None = None,
) -> ServerRolloutOutcome:
    project = load_project(None, root)
    return run_server_rollout(
        project,
        env,
        release_manifest=manifest,
        plan_name=plan,
        dry_run=dry_run,
        output_format=output_format,
        console=captured.console,
        environ=PIPELINES,
    )


def test_test_then_prod_promote_the_same_plan(
    bb_project: Path, fake: FakeBytebase, captured: Captured
) -> None:
    first = _rollout(bb_project, "test", captured)
    assert (first.exit_code, first.status) == (0, "done")
    assert fake.operation_ids()[:6] == [
        "AuthService_Login",
        "ActuatorService_GetActuatorInfo",
        "ReleaseService_CreateRelease",
        "PlanService_CreatePlan",
        "RolloutService_CreateRollout",
        "RolloutService_BatchRunTasks",
    ]
    (release_call,) = fake.calls("ReleaseService_CreateRelease")
    assert release_call.body["vcsSource"]["url"] == (
        "https://bitbucket.org/acme/app/commits/0123abcdef99"
    )
    assert [f["path"] for f in release_call.body["files"]] == [
        "migrations/V1__init.sql",
        "migrations/V2__add_email.sql",
    ]
    (plan_call,) = fake.calls("PlanService_CreatePlan")
    targets = plan_call.body["specs"][0]["changeDatabaseConfig"]["targets"]
    assert targets == [
        "instances/test/databases/hr_test",
        "instances/prod/databases/hr_prod",
        "instances/prod/databases/hr_prod_eu",
    ]
    (run,) = fake.calls("RolloutService_BatchRunTasks")
    assert run.path.endswith("/rollout/stages/test/tasks:batchRun")
    assert [t.database for t in first.tasks] == ["instances/test/databases/hr_test"]
    assert first.tasks[0].status == "DONE" and first.tasks[0].seconds is not None
    assert "instances/test/databases/hr_test" in captured.text and "DONE" in captured.text

    second = _rollout(bb_project, "prod", captured, plan=first.plan)
    assert (second.exit_code, second.status, second.plan) == (0, "done", first.plan)
    assert {t.database: t.status for t in second.tasks} == {
        "instances/prod/databases/hr_prod": "DONE",
        "instances/prod/databases/hr_prod_eu": "DONE",
    }
    assert len(fake.calls("ReleaseService_CreateRelease")) == 1
    assert len(fake.calls("RolloutService_CreateRollout")) == 1
    assert fake.applied["instances/prod/databases/hr_prod"].keys() == {"1", "2"}


def test_prod_before_test_is_a_promotion_gate(
    bb_project: Path, fake: FakeBytebase, captured: Captured
) -> None:
    with pytest.raises(GateError) as raised:
        _rollout(bb_project, "prod", captured)
    assert raised.value.exit_code == 3
    assert "test (1 NOT_STARTED)" in raised.value.message
    assert "--env test --plan projects/hr/plans/" in raised.value.message
    assert fake.calls("RolloutService_BatchRunTasks") == []


def test_a_stage_held_by_policy_waits_for_approval_then_resumes(
    bb_project: Path, fake: FakeBytebase, captured: Captured
) -> None:
    fake.external_url = "https://bytebase.example.com"
    first = _rollout(bb_project, "test", captured)
    fake.approval_required = {"prod"}
    waiting = _rollout(bb_project, "prod", captured, plan=first.plan)
    assert (waiting.exit_code, waiting.status) == (3, "waiting_for_approval")
    link = f"https://bytebase.example.com/{first.plan}/rollout"
    assert waiting.url == link and link in waiting.message
    assert "waiting for approval in Bytebase" in captured.text
    assert {t.status for t in waiting.tasks} == {"waiting for approval in Bytebase"}

    fake.approve("prod")
    done = _rollout(bb_project, "prod", captured, plan=first.plan.rsplit("/", 1)[-1])
    assert (done.exit_code, done.status) == (0, "done")


def test_a_failed_task_fails_the_rollout_with_the_servers_detail(
    bb_project: Path, fake: FakeBytebase, captured: Captured
) -> None:
    fake.fail_targets = {"instances/test/databases/hr_test"}
    outcome = _rollout(bb_project, "test", captured, output_format="json")
    assert (outcome.exit_code, outcome.status) == (1, "failed")
    assert 'relation "t9" does not exist' in outcome.tasks[0].detail


def test_a_stage_missing_from_the_rollout_is_an_error(
    bb_project: Path, fake: FakeBytebase, captured: Captured
) -> None:
    first = _rollout(bb_project, "test", captured)
    # prod's databases exist in Bytebase but the plan resumed is one made for test only:
    fake.plans[first.plan]["specs"][0]["changeDatabaseConfig"]["targets"] = [
        "instances/test/databases/hr_test"
    ]
    fake.rollouts[first.plan]["stages"] = fake.rollouts[first.plan]["stages"][:1]
    with pytest.raises(ServerError, match="has no stage for environment 'prod'"):
        _rollout(bb_project, "prod", captured, plan=first.plan)


def test_json_output_names_release_plan_and_tasks(
    bb_project: Path, fake: FakeBytebase, captured: Captured, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    _rollout(bb_project, "test", captured, output_format="json")
    data = json.loads(capsys.readouterr().out)
    assert data["engine"] == "bytebase" and data["status"] == "done"
    assert data["plan"].startswith("projects/hr/plans/")
    assert data["release"].startswith("projects/hr/releases/release_")
    assert data["tasks"][0]["database"] == "instances/test/databases/hr_test"


def test_dry_run_creates_nothing(bb_project: Path, fake: FakeBytebase, captured: Captured) -> None:
    outcome = _rollout(bb_project, "test", captured, dry_run=True)
    assert (outcome.exit_code, outcome.status) == (0, "dry_run")
    assert fake.operation_ids() == ["AuthService_Login", "ActuatorService_GetActuatorInfo"]


def test_a_release_manifest_is_what_bytebase_gets(
    bb_project: Path, fake: FakeBytebase, captured: Captured, run_cli
) -> None:
    made = run_cli("release", "create", "--output", "release.json", cwd=bb_project)
    assert made.exit_code == 0, made.stderr
    manifest = bb_project / "release.json"
    write_migrations(bb_project, {"V3__later.sql": "CREATE TABLE t3 (id INT PRIMARY KEY);\n"})
    outcome = _rollout(bb_project, "test", captured, manifest=manifest)
    assert outcome.status == "done"
    (release_call,) = fake.calls("ReleaseService_CreateRelease")
    assert [f["version"] for f in release_call.body["files"]] == ["1", "2"]  # not the later V3
    (plan_call,) = fake.calls("PlanService_CreatePlan")
    release_id = json.loads(manifest.read_text())["id"]
    assert plan_call.body["title"].startswith(release_id)

    write_migrations(bb_project, {"V2__add_email.sql": "ALTER TABLE t1 ADD COLUMN e2 TEXT;\n"})
    requests_before = len(fake.requests)
    with pytest.raises(InputError, match="changed since the release"):
        _rollout(bb_project, "test", captured, manifest=manifest)
    assert len(fake.requests) == requests_before  # stopped before the server heard of it


def test_access_token_and_release_id_template(
    bb_project: Path, fake: FakeBytebase, captured: Captured, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BB_TOKEN", "static-access-token-xyz")
    write_config(
        bb_project,
        fake.url,
        service_account="",
        service_key="",
        access_token="${BB_TOKEN}",
        release_id='"app_{date}-{commit}-RC{iteration}"',
    )
    outcome = _rollout(bb_project, "test", captured)
    assert outcome.release.endswith("/app_20260822-0123abc-RC00")
    assert "AuthService_Login" not in fake.operation_ids()
    assert SERVICE_KEY not in captured.text


def test_an_expired_login_mid_rollout_logs_in_again(
    bb_project: Path, fake: FakeBytebase, captured: Captured
) -> None:
    fake.expire_tokens_after = "RolloutService_CreateRollout"
    outcome = _rollout(bb_project, "test", captured)
    assert outcome.status == "done"
    assert fake.operation_ids().count("AuthService_Login") == 2
    assert [r.status for r in fake.calls("RolloutService_BatchRunTasks")] == [401, 200]


def test_the_cli_runs_test_then_prod(bb_project: Path, fake: FakeBytebase, run_cli) -> None:
    first = run_cli("rollout", "--env", "test", "--format", "json", cwd=bb_project)
    assert first.exit_code == 0, first.stderr
    plan = json.loads(first.stdout)["plan"]
    gate = run_cli("rollout", "--env", "prod", cwd=bb_project)
    assert gate.exit_code == 3 and "promotion gate" in gate.stderr
    second = run_cli("rollout", "--env", "prod", "--plan", plan, "--no-color", cwd=bb_project)
    assert second.exit_code == 0, second.stderr
    assert "hr_prod_eu" in second.stderr and "DONE" in second.stderr
    unknown = run_cli("rollout", "--env", "staging", cwd=bb_project)
    assert unknown.exit_code == 2 and "no environment 'staging'" in unknown.stderr


def test_a_stage_that_does_not_finish_in_time_is_a_failure(
    bb_project: Path, fake: FakeBytebase, captured: Captured
) -> None:
    write_config(bb_project, fake.url, rollout_timeout="0.05")
    fake.hold_running = {"instances/test/databases/hr_test"}
    outcome = _rollout(bb_project, "test", captured)
    assert (outcome.exit_code, outcome.status) == (1, "timeout")
    assert "rollout_timeout" in outcome.message and outcome.tasks[0].status == "RUNNING"


def test_in_pipelines_the_step_must_deploy_to_the_environment(
    bb_project: Path, fake: FakeBytebase, captured: Captured
) -> None:
    project = load_project(None, bb_project)
    pipelines = {**PIPELINES, "BITBUCKET_BUILD_NUMBER": "7"}
    for deployment, gate_fails in (("prod", True), ("test", False)):
        environ = {**pipelines, "BITBUCKET_DEPLOYMENT_ENVIRONMENT": deployment}
        if gate_fails:
            with pytest.raises(GateError, match="deploys to 'prod', not to 'test'"):
                run_server_rollout(
                    project,
                    "test",
                    release_manifest=None,
                    plan_name=None,
                    dry_run=False,
                    output_format="text",
                    console=captured.console,
                    environ=environ,
                )
            assert fake.requests == []
        else:
            outcome = run_server_rollout(
                project,
                "test",
                release_manifest=None,
                plan_name=None,
                dry_run=False,
                output_format="text",
                console=captured.console,
                environ=environ,
            )
            assert outcome.status == "done"


def test_the_cli_writes_json_to_output_in_the_embedded_shape(
    bb_project: Path, fake: FakeBytebase, run_cli
) -> None:
    result = run_cli(
        "rollout", "--env", "test", "--format", "json", "--output", "out/rollout.json",
        cwd=bb_project,
    )  # fmt: skip

    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""  # the document went to --output, not stdout
    document = json.loads((bb_project / "out" / "rollout.json").read_text())
    embedded_keys = {"operation", "environment", "release", "dry_run", "gates", "targets", "ok"}
    assert embedded_keys <= set(document)
    assert document["operation"] == "rollout" and document["ok"] is True
    assert document["engine"] == "bytebase" and document["status"] == "done"
    assert document["targets"][0]["target"] == "instances/test/databases/hr_test"
    assert document["targets"][0]["status"] == "done"


def test_only_in_pipelines_holds_with_a_server(
    bb_project: Path, fake: FakeBytebase, run_cli
) -> None:
    config = (bb_project / "dbops.yaml").read_text()
    assert "  test: {}\n" in config
    (bb_project / "dbops.yaml").write_text(
        config.replace("  test: {}\n", "  test: {only_in_pipelines: true}\n", 1)
    )

    refused = run_cli("rollout", "--env", "test", cwd=bb_project)

    assert refused.exit_code == 3
    assert "only in pipelines" in refused.stderr and "Nothing was run" in refused.stderr
    assert "ReleaseService_CreateRelease" not in fake.operation_ids()
