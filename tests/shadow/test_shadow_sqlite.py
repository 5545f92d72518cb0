"""`dbops check --shadow` on SQLite (in memory): the issue's examples, the history, the
settings in dbops.yaml, and what goes into the report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.shadow.conftest import (
    EXAMPLES,
    HISTORY,
    SQLITE_WRONG_TYPE,
    make_project,
    shadow_findings,
)

SQLITE_EXAMPLES = {**EXAMPLES, "wrong-type": SQLITE_WRONG_TYPE}
MESSAGES = {
    "typo-in-create-index": "no such column: emial",
    "insert-into-missing-table": "no such table: refunds",
    "wrong-type": "cannot store TEXT value in INTEGER column points.x",
}


@pytest.mark.parametrize("example", sorted(SQLITE_EXAMPLES))
def test_the_issue_examples_are_caught_at_file_and_line(
    example: str, tmp_path: Path, run_cli
) -> None:
    files = {"001_users.sql": HISTORY["sqlite"], "002_change.sql": SQLITE_EXAMPLES[example]}
    root = make_project(tmp_path, "sqlite", files)
    plain = run_cli("check", "--format", "json", "migrations/002_change.sql", cwd=root)
    assert not shadow_findings(plain.stdout)  # the static review alone does not see it
    result = run_cli(
        "check", "--shadow", "sqlite://", "--format", "json", "migrations/002_change.sql", cwd=root
    )
    assert result.exit_code == 1, result.stderr
    ((file, line, rule, message),) = shadow_findings(result.stdout)
    assert (file, line, rule) == ("migrations/002_change.sql", 2, "shadow-error")
    assert MESSAGES[example] in message


def test_timings_and_the_note_are_reported(tmp_path: Path, run_cli) -> None:
    files = {"001_users.sql": HISTORY["sqlite"], "002_nick.sql": "ALTER TABLE users ADD nick text;"}
    root = make_project(tmp_path, "sqlite", files)
    result = run_cli(
        "check", "--shadow", "sqlite://", "--format", "json", "migrations/002_nick.sql", cwd=root
    )
    assert not shadow_findings(result.stdout)
    (statement,) = json.loads(result.stdout)["statements"]
    assert statement["shadow_ms"] >= 0
    assert statement["shadow"]["error"] is None
    text = run_cli("check", "--shadow", "sqlite://", "migrations/002_nick.sql", cwd=root)
    assert "shadow run on sqlite::memory:" in text.stdout
    assert "1 applied migration(s) replayed, 1 reviewed migration(s) applied" in text.stdout


def test_the_history_is_replayed_before_the_reviewed_files(tmp_path: Path, run_cli) -> None:
    """Without the history the reviewed file would fail: users would not exist."""
    files = {
        "001_users.sql": HISTORY["sqlite"],
        "002_orders.sql": "CREATE TABLE orders (id integer PRIMARY KEY, user_id integer);",
        "003_index.sql": "CREATE INDEX orders_user_idx ON orders (user_id);",
    }
    root = make_project(tmp_path, "sqlite", files)
    result = run_cli("check", "--shadow", "sqlite://", "migrations/003_index.sql", cwd=root)
    assert "shadow-error" not in result.stdout
    assert "2 applied migration(s) replayed" in result.stdout


def test_the_run_stops_at_the_first_failing_file_as_a_rollout_would(
    tmp_path: Path, run_cli
) -> None:
    files = {
        "001_users.sql": HISTORY["sqlite"],
        "002_bad.sql": "INSERT INTO refunds (id) VALUES (1);",
        "003_later.sql": "INSERT INTO missing_too (id) VALUES (1);",
    }
    root = make_project(tmp_path, "sqlite", files)
    result = run_cli("check", "--shadow", "sqlite://", "--format", "json", cwd=root)
    assert [(f, line) for f, line, _, _ in shadow_findings(result.stdout)] == [
        ("migrations/002_bad.sql", 1)
    ]


def test_a_file_runs_in_one_transaction_so_its_failure_leaves_nothing(
    tmp_path: Path, run_cli
) -> None:
    """The first file fails after creating a table and is rolled back: the shadow then stops,
    so the later file's reference to that table is never reached."""
    files = {
        "001_half.sql": "CREATE TABLE t (id integer);\nINSERT INTO nowhere VALUES (1);\n",
    }
    root = make_project(tmp_path, "sqlite", files)
    result = run_cli("check", "--shadow", "sqlite://", "--format", "json", cwd=root)
    assert [(line, rule) for _, line, rule, _ in shadow_findings(result.stdout)] == [
        (2, "shadow-error")
    ]


def test_review_shadow_in_dbops_yaml_with_a_variable(tmp_path: Path, run_cli) -> None:
    files = {"001_bad.sql": "INSERT INTO refunds (id) VALUES (1);"}
    root = make_project(tmp_path, "sqlite", files, {"review": {"shadow": "${SHADOW_URL}"}})
    unset = run_cli("check", cwd=root)
    assert unset.exit_code == 2
    assert "'review.shadow' needs the environment variable SHADOW_URL" in unset.stderr
    result = run_cli("check", "--format", "json", cwd=root, env={"SHADOW_URL": "sqlite://"})
    assert result.exit_code == 1
    assert shadow_findings(result.stdout)


def test_an_environment_has_its_own_shadow(tmp_path: Path, run_cli) -> None:
    files = {"001_bad.sql": "INSERT INTO refunds (id) VALUES (1);"}
    config = {"environments": {"prod": {"review": {"shadow": "sqlite://"}}}}
    root = make_project(tmp_path, "sqlite", files, config)
    assert not shadow_findings(run_cli("check", "--format", "json", cwd=root).stdout)
    with_env = run_cli("check", "--env", "prod", "--format", "json", cwd=root)
    assert shadow_findings(with_env.stdout)


def test_a_shadow_of_another_engine_is_refused(tmp_path: Path, run_cli) -> None:
    root = make_project(tmp_path, "sqlite", {"001_a.sql": "CREATE TABLE a (id integer);"})
    result = run_cli("check", "--shadow", "postgresql://u:s3cret@127.0.0.1:1/x", cwd=root)
    assert result.exit_code == 2
    assert "is a postgres database, but the migrations are reviewed as sqlite" in result.stderr
    assert "s3cret" not in result.stderr and "u:***@" in result.stderr


def test_no_transaction_files_run_statement_by_statement(tmp_path: Path, run_cli) -> None:
    files = {
        "001_a.sql": "-- dbops:no-transaction\nCREATE TABLE a (id integer);\n"
        "INSERT INTO b VALUES (1);\n",
    }
    root = make_project(tmp_path, "sqlite", files)
    result = run_cli("check", "--shadow", "sqlite://", "--format", "json", cwd=root)
    assert [line for _, line, _, _ in shadow_findings(result.stdout)] == [3]


def test_the_rollout_review_gate_runs_no_configured_shadow(tmp_path: Path, run_cli) -> None:
    """`review.shadow` names a variable only the review pipeline has: the rollout, whose review
    gate applies the release for real right after, never needs it."""
    config = {
        "review": {"shadow": "${ONLY_IN_REVIEW}"},
        "environments": {"test": {"targets": [{"name": "t", "url": "sqlite:///t.db"}]}},
    }
    files = {"001_users.sql": "CREATE TABLE users (id integer PRIMARY KEY NOT NULL);"}
    root = make_project(tmp_path, "sqlite", files, config)
    result = run_cli("rollout", "--env", "test", cwd=root, env={"CI": "true"})
    assert result.exit_code == 0, result.stderr
    assert (root / "t.db").exists()


def test_a_shadow_server_that_cannot_be_reached_is_exit_2_with_its_password_masked(
    tmp_path: Path, run_cli
) -> None:
    root = make_project(tmp_path, "postgres", {"001_a.sql": "CREATE TABLE a (id bigint);"})
    result = run_cli("check", "--shadow", "postgresql://app:s3cret@127.0.0.1:1/x", cwd=root)
    assert result.exit_code == 2
    assert "cannot connect" in result.stderr and "app:***@127.0.0.1:1" in result.stderr
    assert "s3cret" not in result.stderr + result.stdout


def test_an_ignore_above_the_statement_or_in_the_header_covers_a_shadow_finding(
    tmp_path: Path, run_cli
) -> None:
    cases = {  # the second's ignore is in the file header: it covers the whole file
        "above": ("CREATE TABLE a (id integer);\n-- dbops:ignore shadow-error\n"
                  "INSERT INTO nowhere VALUES (1);\n", []),
        "header": ("-- dbops:ignore shadow-error\n\nINSERT INTO nowhere VALUES (1);\n", []),
        # an ignore covers the statement under it, not the next one
        "next": ("CREATE TABLE c (id integer);\n-- dbops:ignore shadow-error\n"
                 "CREATE TABLE d (id integer);\nINSERT INTO nowhere VALUES (1);\n", [4]),
    }  # fmt: skip
    for case, (text, lines) in cases.items():
        root = make_project(tmp_path / case, "sqlite", {"001_a.sql": text})
        result = run_cli("check", "--shadow", "sqlite://", "--format", "json", cwd=root)
        assert [line for _, line, _, _ in shadow_findings(result.stdout)] == lines, case
        assert "unused-ignore" not in result.stdout
