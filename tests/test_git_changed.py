"""`dbops check --changed --base REF` and the cross-file checks, on real temporary git repos."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

NULLABLE = "CREATE TABLE {0} (\n  id bigint PRIMARY KEY,\n  name text\n);\n"
CLEAN = "CREATE TABLE {0} (id bigint PRIMARY KEY, name text NOT NULL);\n"


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(
        [
            "git", "-c", "user.name=dbops test", "-c", "user.email=test@example.com",
            "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args,
        ],
        cwd=repo, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return result.stdout.strip()


def commit(repo: Path, files: dict[str, str], message: str) -> None:
    for name, text in files.items():
        path = repo / "migrations" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    git(repo, "add", "migrations")
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """main: 10_a (with a NOT NULL finding, already merged) and 20_b; branch `feature` from it."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    commit(root, {"10_a.sql": NULLABLE.format("a"), "20_b.sql": CLEAN.format("b")}, "base")
    git(root, "checkout", "-q", "-b", "feature")
    return root


def check_json(run_cli, repo: Path, *args: str):
    result = run_cli("check", "--format", "json", *args, cwd=repo)
    report = json.loads(result.stdout) if result.stdout.strip() else None
    return result, report


def test_changed_reviews_only_what_the_branch_adds(run_cli, repo: Path) -> None:
    commit(repo, {"30_c.sql": NULLABLE.format("c")}, "add c")
    result, report = check_json(run_cli, repo, "--changed", "--base", "main")
    assert result.exit_code == 1, result.stderr
    assert [file["file"] for file in report["files"]] == ["migrations/30_c.sql"]
    assert [(f["rule"], f["file"], f["line"]) for f in report["findings"]] == [
        ("column-no-null", "migrations/30_c.sql", 3)
    ]
    _everything, full = check_json(run_cli, repo)
    assert {f["file"] for f in full["findings"]} == {"migrations/10_a.sql", "migrations/30_c.sql"}


def test_changed_files_are_reviewed_with_the_full_history(run_cli, repo: Path) -> None:
    # "b" exists only because of 20_b.sql, which --changed does not review: the schema model
    # must still know it, or this ALTER would look like a change to an unknown table.
    commit(repo, {"30_c.sql": "ALTER TABLE b ADD COLUMN flag boolean NOT NULL;\n"}, "alter b")
    result, report = check_json(
        run_cli, repo, "--changed", "--base", "main", "--select", "adding-required-field"
    )
    assert [(f["rule"], f["file"]) for f in report["findings"]] == [
        ("adding-required-field", "migrations/30_c.sql")
    ], result.stderr


def test_nothing_changed_is_a_clean_pass(run_cli, repo: Path) -> None:
    result, report = check_json(run_cli, repo, "--changed", "--base", "main")
    assert result.exit_code == 0, result.stderr
    assert report["files"] == [] and report["findings"] == []


def test_uncommitted_and_untracked_migrations_count_as_changed(run_cli, repo: Path) -> None:
    (repo / "migrations" / "30_c.sql").write_text(CLEAN.format("c"))
    (repo / "migrations" / "20_b.sql").write_text(CLEAN.format("b") + "-- edited\n")
    result, report = check_json(run_cli, repo, "--changed", "--base", "main")
    assert [file["file"] for file in report["files"]] == [
        "migrations/20_b.sql",
        "migrations/30_c.sql",
    ]
    assert [(f["rule"], f["file"]) for f in report["findings"]] == [
        ("migration-checksum-changed", "migrations/20_b.sql")
    ]
    assert result.exit_code == 1


def test_out_of_order_against_the_base_branch(run_cli, repo: Path) -> None:
    git(repo, "checkout", "-q", "main")
    commit(repo, {"40_d.sql": CLEAN.format("d")}, "someone else merged 40")
    git(repo, "checkout", "-q", "feature")
    commit(repo, {"30_c.sql": CLEAN.format("c")}, "add 30 on an old branch")
    result, report = check_json(run_cli, repo, "--changed", "--base", "main")
    assert result.exit_code == 1, result.stderr
    (finding,) = report["findings"]
    assert (finding["rule"], finding["level"], finding["file"]) == (
        "migration-out-of-order",
        "error",
        "migrations/30_c.sql",
    )
    assert "40" in finding["message"]
    # After a rebase with a new version the branch is fine.
    git(repo, "mv", "migrations/30_c.sql", "migrations/50_c.sql")
    git(repo, "commit", "-q", "-m", "renumber")
    git(repo, "rebase", "-q", "main")
    result, report = check_json(run_cli, repo, "--changed", "--base", "main")
    assert result.exit_code == 0 and report["findings"] == [], result.stdout


def test_checksum_changed_without_changed_flag(run_cli, repo: Path) -> None:
    commit(repo, {"20_b.sql": CLEAN.format("b").replace("text", "varchar(10)")}, "edit b")
    result, report = check_json(run_cli, repo, "--base", "main")
    assert result.exit_code == 1
    rules = [(f["rule"], f["file"]) for f in report["findings"]]
    assert ("migration-checksum-changed", "migrations/20_b.sql") in rules
    assert (
        "column-no-null",
        "migrations/10_a.sql",
    ) in rules  # all files reviewed without --changed


def test_a_folder_argument_and_a_subfolder_repo_layout(run_cli, tmp_path: Path) -> None:
    root = tmp_path / "mono"
    (root / "db").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    commit(root / "db", {"1_a.sql": CLEAN.format("a")}, "base")
    git(root, "checkout", "-q", "-b", "feature")
    commit(root / "db", {"2_b.sql": NULLABLE.format("b")}, "add b")
    result = run_cli(
        "check", "db/migrations", "--changed", "--base", "main", "--format", "json", cwd=root
    )
    report = json.loads(result.stdout)
    assert [file["file"] for file in report["files"]] == ["db/migrations/2_b.sql"]


def test_changed_needs_base(run_cli, repo: Path) -> None:
    result = run_cli("check", "--changed", cwd=repo)
    assert result.exit_code == 2
    assert "--changed needs --base" in result.stderr


def test_unknown_ref_is_exit_2(run_cli, repo: Path) -> None:
    result = run_cli("check", "--changed", "--base", "origin/nope", cwd=repo)
    assert result.exit_code == 2
    assert "--base origin/nope" in result.stderr and "git fetch origin nope" in result.stderr
    assert "Traceback" not in result.stderr


def test_not_a_git_repository_is_exit_2(run_cli, tmp_path: Path) -> None:
    (tmp_path / "migrations").mkdir()
    (tmp_path / "migrations" / "1_a.sql").write_text(CLEAN.format("a"))
    result = run_cli("check", "--base", "main", cwd=tmp_path)
    assert result.exit_code == 2
    assert "not inside a git repository" in result.stderr


def _shallow_clone(repo: Path, tmp_path: Path) -> Path:
    """What Pipelines does: a shallow clone of the branch being built. main moved on after the
    branch was cut, so the two tips share no commit inside the clone."""
    git(repo, "checkout", "-q", "main")
    commit(repo, {"40_d.sql": CLEAN.format("d")}, "main moves on")
    git(repo, "checkout", "-q", "feature")
    commit(repo, {"30_c.sql": NULLABLE.format("c")}, "add c")
    clone = tmp_path / "clone"
    git(
        tmp_path, "clone", "-q", "--depth", "1", "--no-single-branch", "--branch", "feature",
        f"file://{repo}", str(clone),
    )  # fmt: skip
    assert git(clone, "rev-parse", "--is-shallow-repository") == "true"
    return clone


def test_shallow_clone_without_merge_base_says_how_to_fix(
    run_cli, repo: Path, tmp_path: Path
) -> None:
    clone = _shallow_clone(repo, tmp_path)
    result = run_cli("check", "--changed", "--base", "origin/main", cwd=clone)
    assert result.exit_code == 2, result.stdout
    assert "clone: depth: full" in result.stderr and "bitbucket-pipelines.yml" in result.stderr
    assert "git fetch --unshallow origin main" in result.stderr
    assert "Traceback" not in result.stderr


def test_shallow_clone_still_does_cross_file_checks_without_changed(
    run_cli, repo: Path, tmp_path: Path
) -> None:
    clone = _shallow_clone(repo, tmp_path)
    result, report = check_json(run_cli, clone, "--base", "origin/main")
    assert result.exit_code == 1, result.stderr
    rules = {(f["rule"], f["file"]) for f in report["findings"]}
    assert ("migration-out-of-order", "migrations/30_c.sql") in rules


def test_junit_output_shows_a_cross_file_finding(run_cli, repo: Path, tmp_path: Path) -> None:
    commit(repo, {"20_b.sql": CLEAN.format("b") + "-- edited\n"}, "edit b")
    target = tmp_path / "test-results" / "dbops.xml"
    result = run_cli(
        "check",
        "--changed",
        "--base",
        "main",
        "--format",
        "junit",
        "--output",
        str(target),
        cwd=repo,
    )
    assert result.exit_code == 1
    assert 'type="migration-checksum-changed"' in target.read_text()
