"""`dbops check --fix` / `--diff`: fixes applied to the branch's own migrations only."""

from __future__ import annotations

import json
from pathlib import Path

from dbops.core.migrations import checksum_of
from tests.conftest import write_migrations
from tests.test_git_changed import git

HISTORY = "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n"
FIXABLE = "CREATE INDEX users_email_idx ON users (email);\n"  # CONCURRENTLY + the header
FIXABLE_ALTER = (
    "ALTER TABLE users ADD CONSTRAINT users_email_len CHECK (length(email) > 3);\n"
    "ALTER TABLE users ADD COLUMN nickname text NOT NULL DEFAULT '';\n"
)
FIXED_RULES = {
    "require-concurrent-index-creation",
    "require-timeout-settings",
    "constraint-missing-not-valid",
}


def _rules(run_cli, project: Path) -> set[str]:
    report = json.loads(run_cli("check", "--format", "json", cwd=project).stdout)
    return {finding["rule"] for finding in report["findings"]}


def test_fix_makes_the_fixable_findings_pass(run_cli, project: Path) -> None:
    # strict asks for lock timeouts with require-timeout-settings, which has the prelude fix.
    (project / "dbops.yaml").write_text("review: {policy: strict}\n", encoding="utf-8")
    write_migrations(
        project, {"1_users.sql": HISTORY, "2_index.sql": FIXABLE, "3_check.sql": FIXABLE_ALTER}
    )
    assert _rules(run_cli, project) >= FIXED_RULES
    result = run_cli("check", "--fix", cwd=project)
    assert "fixed migrations/2_index.sql: build the index CONCURRENTLY" in result.stderr
    assert "fixed migrations/3_check.sql: add the constraint NOT VALID" in result.stderr
    assert not FIXED_RULES & _rules(run_cli, project)
    assert (project / "migrations/2_index.sql").read_text() == (
        "-- dbops:no-transaction\n"
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);\n"
    )
    assert run_cli("check", "--diff", cwd=project).exit_code == 0  # nothing left to fix


def test_diff_shows_the_change_and_writes_nothing(run_cli, project: Path) -> None:
    write_migrations(project, {"1_users.sql": HISTORY, "2_index.sql": FIXABLE})
    result = run_cli("check", "--diff", cwd=project)
    assert result.exit_code == 1
    assert "--- a/migrations/2_index.sql\n+++ b/migrations/2_index.sql\n" in result.stdout
    assert "+CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);" in (
        result.stdout
    )
    assert (project / "migrations/2_index.sql").read_text() == FIXABLE


def test_a_merged_file_is_refused(run_cli, project: Path) -> None:
    write_migrations(project, {"1_users.sql": HISTORY, "2_index.sql": FIXABLE})
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "base")
    result = run_cli("check", "--fix", "--base", "HEAD", cwd=project)
    assert result.exit_code == 2
    assert "migrations/2_index.sql is merged already" in result.stderr
    assert (project / "migrations/2_index.sql").read_text() == FIXABLE
    # a new file of the branch is still fixed
    write_migrations(project, {"3_index.sql": FIXABLE.replace("users_email", "users_email2")})
    result = run_cli(
        "check",
        "--select",
        "require-concurrent-index-creation",
        "--fix",
        "--base",
        "HEAD",
        "--changed",
        cwd=project,
    )
    assert result.exit_code == 0, result.stderr
    assert "CONCURRENTLY" in (project / "migrations/3_index.sql").read_text()


def test_a_released_file_is_refused(run_cli, project: Path) -> None:
    write_migrations(project, {"1_users.sql": HISTORY, "2_index.sql": FIXABLE})
    manifest = {
        "format": 1,
        "id": "release_1",
        "migrations": [
            {"version": "2", "file": "2_index.sql", "sha256": checksum_of(FIXABLE.encode())}
        ],
    }
    (project / "release.json").write_text(json.dumps(manifest))
    result = run_cli("check", "--fix", cwd=project)
    assert result.exit_code == 2
    assert "2_index.sql is recorded in the release manifest release.json" in result.stderr
    assert "Nothing was written" in result.stderr
    assert (project / "migrations/2_index.sql").read_text() == FIXABLE
