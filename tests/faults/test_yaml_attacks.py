"""dbops.yaml and policy files: size, alias bombs, recursive aliases and deep nesting end in
exit 2 naming the file (and the key), quickly; a big valid file loads fast, parsed once."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

LAUGHS = (
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    + "environments:\n  test:\n    targets: *i\n"
)
RECURSIVE = "environments: &e\n  test:\n    targets:\n      - *e\n"


def _check(run_cli, root: Path) -> tuple[int, str, float]:
    started = time.monotonic()
    result = run_cli("status", "--env", "test", cwd=root)
    return result.exit_code, result.stdout + result.stderr, time.monotonic() - started


def _write(root: Path, text: str) -> None:
    (root / "migrations").mkdir(exist_ok=True)
    (root / "dbops.yaml").write_text(text, encoding="utf-8")


def test_an_alias_bomb_is_refused_naming_file_and_key(tmp_path: Path, run_cli) -> None:
    _write(tmp_path, LAUGHS)
    code, said, seconds = _check(run_cli, tmp_path)
    assert code == 2 and "dbops.yaml" in said and "alias" in said, said
    assert "'" in said and "Traceback" not in said
    assert seconds < 5


def test_a_recursive_alias_is_refused_naming_the_key(tmp_path: Path, run_cli) -> None:
    _write(tmp_path, RECURSIVE)
    code, said, _ = _check(run_cli, tmp_path)
    assert code == 2 and "dbops.yaml" in said and "contains itself" in said, said
    assert "environments.test.targets[0]" in said


def test_deep_nesting_is_refused(tmp_path: Path, run_cli) -> None:
    _write(tmp_path, "x: " + "[" * 20000 + "]" * 20000 + "\n")
    code, said, _ = _check(run_cli, tmp_path)
    assert code == 2 and "dbops.yaml" in said and "Traceback" not in said, said


def test_a_10_mb_file_is_refused_at_once(tmp_path: Path, run_cli) -> None:
    _write(tmp_path, "# padding\n" * 1_100_000)
    code, said, seconds = _check(run_cli, tmp_path)
    assert code == 2 and "dbops.yaml" in said and "more than" in said, said
    assert seconds < 5


@pytest.mark.slow
def test_a_1_mb_valid_config_loads_in_a_second_or_two(tmp_path: Path, run_cli) -> None:
    targets = "".join(
        f"      - name: t{i}\n        url: sqlite:///db{i}.db\n" for i in range(25_000)
    )
    _write(tmp_path, "environments:\n  test:\n    targets:\n" + targets)
    assert (tmp_path / "dbops.yaml").stat().st_size > 1_000_000
    from dbops.adapters.config_file import load_project

    started = time.monotonic()
    project = load_project(None, tmp_path)
    assert len(project.config.environment("test").targets) == 25_000
    assert time.monotonic() - started < 10
