"""Nothing hangs: a backtracking naming regex is refused when the policy loads."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from dbops.adapters.regex_backtracking import exponential_repeat

CREATE = "CREATE TABLE aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa! (id INTEGER PRIMARY KEY);\n"


@pytest.mark.parametrize(
    "pattern", ["(a+)+$", "^(a*)*$", "^([a-z0-9]+_?)+$", "^(\\w+\\s?)*$", "^((ab)+)+$", "(a|a+)*"]
)
def test_exponential_patterns_are_found(pattern: str) -> None:
    assert exponential_repeat(pattern) is not None


@pytest.mark.parametrize(
    "pattern",
    ["^[a-z]+(_[a-z]+)*$", "^[a-z][a-z0-9]*(_[a-z0-9]+)*$", "^idx_{{table}}$", "^pk_\\w{1,30}$"],
)
def test_usual_naming_patterns_are_accepted(pattern: str) -> None:
    assert exponential_repeat(pattern) is None


@pytest.mark.parametrize("form", ["dbops", "bytebase"])
def test_a_backtracking_format_is_refused_naming_the_policy_line(
    tmp_path: Path, run_cli, form: str
) -> None:
    (tmp_path / "migrations").mkdir()
    (tmp_path / "migrations" / "1_t.sql").write_text(CREATE, encoding="utf-8")
    if form == "dbops":
        policy = 'rules:\n  naming-table:\n    level: error\n    format: "(a+)+$"\n'
    else:
        policy = (
            "ruleList:\n  - type: naming.table\n    level: ERROR\n    engine: SQLITE\n"
            '    payload: {format: "(a+)+$"}\n'
        )
    (tmp_path / "policy.yaml").write_text(policy, encoding="utf-8")
    started = time.monotonic()
    result = run_cli("check", "--dialect", "sqlite", "--policy", "policy.yaml", cwd=tmp_path)
    assert time.monotonic() - started < 10
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "policy.yaml:" in result.stderr and "(a+)+$" in result.stderr
