"""The pure decisions: version window, advices as findings, stage gates, release metadata."""

from __future__ import annotations

import itertools

import pytest

from dbops.adapters.bytebase.models import (
    CheckReleaseResponse,
    Release,
    ReleaseFile,
    Rollout,
    TaskRun,
)
from dbops.adapters.bytebase.wire import to_wire
from dbops.core.findings import Level, Risk
from dbops.server.advices import APPLIED_FILE_MODIFIED, review_from_check
from dbops.server.compat import judge_server_version, unsupported_message
from dbops.server.progress import (
    latest_runs,
    poll_delays,
    stage_of,
    stage_result,
    tasks_to_run,
    timing_of,
    unfinished_before,
)
from dbops.server.release_meta import render_release_template, vcs_source


@pytest.mark.parametrize(
    ("version", "supported"),
    [
        ("3.13.0", True),
        ("3.20.1", True),
        ("v3.22.0-rc1", True),
        ("3.12.1", False),
        ("2.23.0", False),
        ("4.0.0", False),
        ("cloud-20260801", True),
    ],
)
def test_version_window(version: str, supported: bool) -> None:
    assert judge_server_version(version).supported is supported


def test_uncomparable_version_is_let_through_with_a_note() -> None:
    verdict = judge_server_version("development")
    assert verdict.supported and "cannot compare" in verdict.note


def test_refusal_says_which_versions_work() -> None:
    message = unsupported_message("3.12.1", "https://bb.example.com")
    assert "3.12.1" in message and "3.13.0 or a newer 3.x" in message


def test_wire_format_is_camel_case_base64_and_omits_zero_values() -> None:
    release = Release(
        type="VERSIONED", files=[ReleaseFile(path="m/V1.sql", version="1", statement=b"SELECT 1;")]
    )
    assert to_wire(release) == {
        "type": "VERSIONED",
        "files": [{"path": "m/V1.sql", "version": "1", "statement": "U0VMRUNUIDE7"}],
    }
    answer = CheckReleaseResponse.model_validate({"affectedRows": "12", "riskLevel": "HIGH"})
    assert answer.affected_rows == 12
    assert to_wire(answer)["affectedRows"] == "12"


def _check_response(advices_by_target: dict[str, list[dict[str, object]]]) -> CheckReleaseResponse:
    return CheckReleaseResponse.model_validate(
        {
            "results": [
                {
                    "file": "migrations/V2.sql",
                    "target": target,
                    "advices": advices,
                    "riskLevel": "MODERATE",
                }
                for target, advices in advices_by_target.items()
            ]
        }
    )


def test_advices_become_findings_marked_as_from_bytebase() -> None:
    advice = {
        "status": "WARNING",
        "code": 402,
        "title": "COLUMN_NO_NULL",
        "content": "Column email cannot have NULL value",
        "startPosition": {"line": 3},
    }
    success = {"status": "SUCCESS", "title": "OK"}
    response = _check_response(
        {"instances/a/databases/x": [advice, success], "instances/b/databases/y": [advice]}
    )
    review = review_from_check(response, {"migrations/V2.sql": "V2.sql"}, ("a", "b"))
    (finding,) = review.findings
    assert (finding.file, finding.line, finding.level) == ("V2.sql", 3, Level.WARNING)
    assert finding.source == "bytebase" and finding.bytebase_type == "COLUMN_NO_NULL"
    assert finding.rule == "column-no-null"  # the dbops rule that answers to that type
    assert "code 402" in finding.message and "[on x, y]" in finding.message
    assert finding.risk == Risk.MODERATE and review.risks == {"V2.sql": Risk.MODERATE}


def test_an_applied_file_that_was_modified_is_an_error() -> None:
    advice = {
        "status": "WARNING",
        "code": 1,
        "title": "Applied file has been modified",
        "content": "differs",
        "startPosition": {"line": 0},
    }
    review = review_from_check(_check_response({"instances/a/databases/x": [advice]}), {}, ())
    (finding,) = review.findings
    assert finding.rule == APPLIED_FILE_MODIFIED and finding.level == Level.ERROR
    assert finding.line == 1


def _rollout(*stages: tuple[str, list[str]]) -> Rollout:
    ids = itertools.count(1)
    return Rollout.model_validate(
        {
            "name": "projects/hr/plans/1/rollout",
            "stages": [
                {
                    "name": f"projects/hr/plans/1/rollout/stages/{env}",
                    "id": env,
                    "environment": f"environments/{env}",
                    "tasks": [
                        {"name": f"t{next(ids)}", "status": status, "target": "db"}
                        for status in statuses
                    ],
                }
                for env, statuses in stages
            ],
        }
    )


def test_earlier_stage_not_done_blocks_the_later_one() -> None:
    rollout = _rollout(("test", ["DONE", "NOT_STARTED"]), ("prod", ["NOT_STARTED"]))
    prod = stage_of(rollout, "prod")
    assert prod is not None
    assert [s.id for s in unfinished_before(rollout, prod)] == ["test"]
    done = _rollout(("test", ["DONE", "SKIPPED"]), ("prod", ["NOT_STARTED"]))
    assert unfinished_before(done, done.stages[1]) == []
    assert stage_of(rollout, "staging") is None


def test_tasks_to_run_and_stage_results() -> None:
    rollout = _rollout(("prod", ["NOT_STARTED", "RUNNING", "NOT_STARTED"]))
    stage = rollout.stages[0]
    assert [t.name for t in tasks_to_run(stage, {"t3"})] == ["t1"]
    assert stage_result(_rollout(("p", ["DONE", "FAILED", "CANCELED"])).stages[0]) == "failed"
    assert stage_result(_rollout(("p", ["DONE", "CANCELED"])).stages[0]) == "canceled"
    assert stage_result(_rollout(("p", ["DONE", "SKIPPED"])).stages[0]) == "done"


def test_poll_delays_grow_to_a_ceiling() -> None:
    delays = list(itertools.islice(poll_delays(2.0), 12))
    assert delays[0] == 2.0 and delays[1] == 3.0
    assert max(delays) == 20.0 and delays == sorted(delays)


def test_task_timing_from_the_latest_run() -> None:
    runs = [
        TaskRun(name="a/taskRuns/1", status="FAILED", create_time="2026-01-01T00:00:00Z"),
        TaskRun(
            name="a/taskRuns/2",
            status="DONE",
            create_time="2026-01-01T00:01:00Z",
            start_time="2026-01-01T00:01:00Z",
            update_time="2026-01-01T00:01:02.5Z",
        ),
    ]
    latest = latest_runs(runs)
    assert latest["a"].name == "a/taskRuns/2"
    assert timing_of(latest["a"]).seconds == 2.5


def test_release_template_and_commit_url() -> None:
    env = {
        "BITBUCKET_COMMIT": "0123abcdef",
        "BITBUCKET_GIT_HTTP_ORIGIN": "http://bitbucket.org/acme/app",
    }
    assert render_release_template("r_{date}-{commit}-RC{iteration}", env) == (
        "r_{date}-0123abc-RC{iteration}"
    )
    source = vcs_source(env)
    assert source is not None
    assert source.url == "https://bitbucket.org/acme/app/commits/0123abcdef"
    assert vcs_source({}) is None
