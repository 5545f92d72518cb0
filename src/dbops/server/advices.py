"""A Bytebase `releases:check` answer as dbops findings and risks (DESIGN §3, last point)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from dbops.adapters.bytebase.models import Advice, CheckReleaseResponse, CheckResult
from dbops.core.findings import Finding, Level, Risk
from dbops.rules.registry import lookup_rule

SOURCE = "bytebase"
APPLIED_FILE_MODIFIED = "applied-file-modified"
_LEVELS = {"ERROR": Level.ERROR, "WARNING": Level.WARNING}
_RISKS = {"LOW": Risk.LOW, "MODERATE": Risk.MODERATE, "HIGH": Risk.HIGH}


@dataclass(frozen=True)
class ServerReview:
    findings: tuple[Finding, ...]
    risks: dict[str, Risk] = field(default_factory=dict)  # dbops file path -> server's risk
    affected_rows: int = 0
    targets: tuple[str, ...] = ()


def review_from_check(
    response: CheckReleaseResponse, paths: Mapping[str, str], targets: tuple[str, ...]
) -> ServerReview:
    """Findings from every advice; `paths` maps the paths sent to the server to dbops' paths.

    The same advice on several targets is one finding that names them all.
    """
    grouped: dict[tuple[str, int, int, str, str, str], tuple[Finding, list[str]]] = {}
    risks: dict[str, Risk] = {}
    for result in response.results:
        path = paths.get(result.file, result.file)
        risk = _RISKS.get(result.risk_level, Risk.LOW)
        if path not in risks or risk.rank > risks[path].rank:
            risks[path] = risk
        for advice in result.advices:
            finding = _finding(advice, path, risk)
            if finding is None:
                continue
            key = (path, finding.line, finding.column, advice.title, advice.content, advice.status)
            grouped.setdefault(key, (finding, []))[1].append(_short_target(result))
    findings = tuple(
        _with_targets(finding, names, len(targets)) for finding, names in grouped.values()
    )
    return ServerReview(
        findings=tuple(sorted(findings, key=lambda finding: finding.sort_key)),
        risks=risks,
        affected_rows=response.affected_rows,
        targets=targets,
    )


def _finding(advice: Advice, path: str, risk: Risk) -> Finding | None:
    level = _LEVELS.get(advice.status)
    if level is None:
        return None  # SUCCESS: the server's "all good" advice
    rule = _rule_name(advice.title)
    if _is_applied_file_modified(advice):
        # The file was already applied on a target and has changed since: never a warning.
        rule, level = APPLIED_FILE_MODIFIED, Level.ERROR
    position = advice.start_position
    return Finding(
        rule=rule,
        level=level,
        file=path,
        line=max(position.line, 1) if position else 1,
        column=max(position.column, 1) if position else 1,
        message=_message(advice),
        risk=risk,
        source=SOURCE,
        bytebase_type=advice.title or None,
    )


def _is_applied_file_modified(advice: Advice) -> bool:
    text = f"{advice.title} {advice.content}".lower()
    return "applied" in text and "modified" in text


def _rule_name(title: str) -> str:
    known = lookup_rule(title) if title else None
    if known is not None:
        return known.name
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "bytebase-advice"


def _message(advice: Advice) -> str:
    text = advice.content or advice.title
    code = f", code {advice.code}" if advice.code else ""
    return f"{text} (Bytebase {advice.title}{code})" if advice.title else text


def _short_target(result: CheckResult) -> str:
    return result.target.rsplit("/databases/", 1)[-1] if result.target else "?"


def _with_targets(finding: Finding, names: list[str], target_count: int) -> Finding:
    if target_count <= 1:
        return finding
    unique = sorted(set(names))
    return replace(finding, message=f"{finding.message} [on {', '.join(unique)}]")
