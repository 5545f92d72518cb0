"""`dbops rules`: filters, whole names, the closest rule for a typo."""

from __future__ import annotations

import json
from pathlib import Path

from dbops.rules.registry import RULES


def _names(run_cli, *args: str, cwd: Path | None = None) -> list[str]:
    result = run_cli("rules", "--json", *args, cwd=cwd)
    assert result.exit_code == 0, result.stderr
    return [rule["name"] for rule in json.loads(result.stdout)]


def test_filters_by_dialect_and_category(run_cli) -> None:
    sqlite = _names(run_cli, "--dialect", "sqlite")
    assert "sqlite-strict-tables" in sqlite and "require-concurrent-index-creation" not in sqlite
    locks = _names(run_cli, "--category", "lock-safety")
    assert locks == sorted(r.name for r in RULES if r.category == "lock-safety")


def test_enabled_follows_the_effective_policy(run_cli, project: Path) -> None:
    default = set(_names(run_cli, "--enabled", cwd=project))
    strict = set(_names(run_cli, "--enabled", "--policy", "strict", cwd=project))
    assert "column-no-null" in default
    # require-timeout-settings is opt-in (as in Squawk); strict asks for lock timeouts by name.
    assert "require-lock-timeout" in strict and "require-timeout-settings" not in default
    (project / "dbops.yaml").write_text("review:\n  policy: strict\n")
    assert set(_names(run_cli, "--enabled", cwd=project)) == strict
    listed = json.loads(run_cli("rules", "--json", "--enabled", cwd=project).stdout)
    assert {rule["level"] for rule in listed} <= {"error", "warning", "info"}


def test_an_unknown_rule_suggests_the_closest(run_cli) -> None:
    result = run_cli("rules", "column-nonull")
    assert result.exit_code == 2
    assert "did you mean column-no-null" in result.stderr.lower()
    assert run_cli("rules", "--category", "nope").exit_code == 2


def test_names_are_never_cut(run_cli) -> None:
    longest = max((rule.name for rule in RULES), key=len)
    for columns in ("60", "200"):
        result = run_cli("rules", "--no-color", env={"COLUMNS": columns})
        assert longest in result.stdout


def test_the_table_and_the_listing_keep_every_name_whole() -> None:
    import io

    from rich.console import Console

    from dbops.cli.rules_cmd import TABLE_MIN_WIDTH, _listing, _table

    chosen = sorted(RULES, key=lambda rule: rule.name)
    console = Console(file=io.StringIO(), width=TABLE_MIN_WIDTH, no_color=True)
    console.print(_table(chosen, None))
    for line in _listing(chosen, None, 60):
        console.print(line, soft_wrap=True)
    output = console.file.getvalue()  # type: ignore[attr-defined]
    for rule in RULES:
        assert output.count(rule.name) >= 2, rule.name
