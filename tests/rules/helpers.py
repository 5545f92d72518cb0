"""Reviewing SQL with one rule enabled, the way the review engine runs it on a project."""

from __future__ import annotations

from typing import Any

from dbops.core.findings import Finding, Level
from dbops.core.locks import target_version
from dbops.core.migrations import MigrationSet, read_migration
from dbops.core.policy import RuleSetting, activate
from dbops.core.review import review
from dbops.rules.base import Rule


def dialect_for(rule: type[Rule]) -> str:
    if rule.dialects is None or "postgres" in rule.dialects:
        return "postgres"
    return sorted(rule.dialects)[0]


def findings_of(
    rule: type[Rule],
    sql: str,
    history: str = "",
    dialect: str | None = None,
    options: dict[str, Any] | None = None,
    server_version: str = "",
) -> list[Finding]:
    """Findings of `rule` on `sql`, reviewed after a migration holding `history`."""
    files = [read_migration("2_change.sql", "2_change.sql", sql.encode())]
    if history:
        files.insert(0, read_migration("1_history.sql", "1_history.sql", history.encode()))
    policy = activate("test", {rule: RuleSetting(Level.WARNING, options or {}, "test")})
    engine = dialect or dialect_for(rule)
    target = target_version(engine, server_version) if server_version else None
    result = review(MigrationSet.of(files), policy, engine, ["2_change.sql"], target=target)
    return [finding for finding in result.findings if finding.rule == rule.name]


def lines_of(rule: type[Rule], sql: str, history: str = "", **kwargs: Any) -> list[int]:
    return [finding.line for finding in findings_of(rule, sql, history, **kwargs)]
