"""`dbops check` with a server: the server's advices merged into the review, via the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dbops.adapters.bytebase import client as client_module
from tests.bytebase.conftest import SERVICE_KEY, write_config
from tests.fakes.bytebase import FakeBytebase

EMAIL_ADVICE = {
    "status": "WARNING",
    "code": 402,
    "title": "COLUMN_NO_NULL",
    "content": 'Column "email" in "public"."t1" cannot have NULL value',
    "startPosition": {"line": 1},
    "ruleType": "PARSER_BASED",
}
SERVER_ONLY_ADVICE = {
    "status": "ERROR",
    "code": 601,
    "title": "TABLE_COMMENT",
    "content": 'Table "t1" requires comments',
    "startPosition": {"line": 1},
}


def test_check_sends_every_file_and_merges_the_advices(
    bb_project: Path, fake: FakeBytebase, run_cli
) -> None:
    fake.advices = {"migrations/V1__init.sql": [SERVER_ONLY_ADVICE]}
    fake.risks = {"migrations/V2__add_email.sql": "HIGH"}
    result = run_cli("check", "--format", "json", "--no-publish", cwd=bb_project)
    assert result.exit_code == 1, result.stderr
    (call,) = fake.calls("ReleaseService_CheckRelease")
    assert call.body["targets"] == ["instances/test/databases/hr_test"]  # the first environment
    assert [f["version"] for f in call.body["release"]["files"]] == ["1", "2"]
    data = json.loads(result.stdout)
    server = [f for f in data["findings"] if f["source"] == "bytebase"]
    assert [(f["rule"], f["level"], f["line"]) for f in server] == [("table-comment", "error", 1)]
    assert "requires comments" in server[0]["message"]
    risks = {f["file"]: f["risk"] for f in data["files"]}
    assert risks["migrations/V2__add_email.sql"] == "high"
    assert SERVICE_KEY not in result.stdout + result.stderr


def test_check_env_picks_that_environments_targets(
    bb_project: Path, fake: FakeBytebase, run_cli
) -> None:
    fake.advices = {"migrations/V2__add_email.sql": [EMAIL_ADVICE]}
    result = run_cli("check", "--env", "prod", "--format", "json", "--no-publish", cwd=bb_project)
    (call,) = fake.calls("ReleaseService_CheckRelease")
    assert len(call.body["targets"]) == 2
    findings = json.loads(result.stdout)["findings"]
    email = [f for f in findings if f["source"] == "bytebase"]
    # one finding for both databases; or none when dbops already reports the same rule there
    assert len(email) <= 1
    assert all("hr_prod, hr_prod_eu" in f["message"] for f in email)


def test_an_applied_file_that_was_modified_fails_the_check(
    bb_project: Path, fake: FakeBytebase, run_cli
) -> None:
    fake.applied = {"instances/test/databases/hr_test": {"1": "0" * 64}}
    result = run_cli("check", "--format", "json", "--no-publish", cwd=bb_project)
    assert result.exit_code == 1
    (finding,) = [f for f in json.loads(result.stdout)["findings"] if f["source"] == "bytebase"]
    assert finding["rule"] == "applied-file-modified" and finding["level"] == "error"
    assert finding["file"] == "migrations/V1__init.sql"


def test_text_report_marks_server_findings(bb_project: Path, fake: FakeBytebase, run_cli) -> None:
    fake.advices = {"migrations/V1__init.sql": [SERVER_ONLY_ADVICE]}
    result = run_cli("check", "--no-publish", "--no-color", cwd=bb_project)
    assert "(bytebase)" in result.stdout and "requires comments" in result.stdout


def test_an_unreachable_server_is_exit_2_with_its_message(
    bb_project: Path, fake: FakeBytebase, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    waits: list[float] = []
    monkeypatch.setattr(client_module, "pause", waits.append)
    write_config(bb_project, "http://127.0.0.1:9")
    result = run_cli("check", "--no-publish", cwd=bb_project)
    assert result.exit_code == 2
    assert "cannot reach Bytebase at http://127.0.0.1:9" in result.stderr
    assert waits == [0.5, 1.0, 2.0]  # bounded: four attempts


def test_a_server_error_is_exit_2_with_the_servers_message(
    bb_project: Path, fake: FakeBytebase, run_cli
) -> None:
    fake.accounts = {}
    result = run_cli("check", "--no-publish", cwd=bb_project)
    assert result.exit_code == 2
    assert "the email or password is not correct" in result.stderr
    assert SERVICE_KEY not in result.stderr


def test_without_the_servers_secrets_a_local_check_skips_the_server(
    bb_project: Path, fake: FakeBytebase, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BB_KEY")
    monkeypatch.delenv("CI", raising=False)
    local = run_cli("check", "--no-publish", cwd=bb_project)
    assert local.exit_code in (0, 1) and "BB_KEY is not set" in local.stderr  # not 2
    assert fake.requests == []
    in_ci = run_cli("check", "--no-publish", cwd=bb_project, env={"CI": "true"})
    assert in_ci.exit_code == 2 and "BB_KEY" in in_ci.stderr
