"""The Code Insights report `dbops-review` and its annotations on the offending lines.

Bitbucket keeps at most 1,000 annotations per report: the most important are kept (errors
before warnings, high risk first), and the report's details say how many were left out. Each
annotation's `external_id` is derived from what it says and where, so the same finding keeps
the same id from one run to the next, and ids are unique within a report.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from dbops.core.findings import Finding, Level, Risk
from dbops.core.review import ReviewResult

REPORT_ID = "dbops-review"
MAX_ANNOTATIONS = 1000
_SUMMARY_LIMIT = 450
_DETAILS_LIMIT = 2000


@dataclass(frozen=True)
class InsightsReport:
    external_id: str
    title: str
    details: str
    result: str  # PASSED | FAILED
    reporter: str = "dbops"
    report_type: str = "BUG"


@dataclass(frozen=True)
class Annotation:
    external_id: str
    path: str
    line: int
    summary: str
    details: str
    severity: str  # CRITICAL | HIGH | MEDIUM | LOW
    annotation_type: str  # BUG | CODE_SMELL
    result: str = "FAILED"


def build_annotations(
    result: ReviewResult, limit: int = MAX_ANNOTATIONS
) -> tuple[tuple[Annotation, ...], int]:
    """Annotations for the findings (the `limit` most important) and how many were left out."""
    ranked = sorted(result.findings, key=_importance)
    taken: list[Annotation] = []
    used: set[str] = set()
    for finding in ranked[:limit]:
        taken.append(_annotation(finding, _unique(_finding_id(finding), used)))
    taken.sort(key=lambda annotation: (annotation.path, annotation.line, annotation.external_id))
    return tuple(taken), max(len(ranked) - limit, 0)


def build_report(
    result: ReviewResult, failed: bool, omitted_annotations: int = 0
) -> InsightsReport:
    files = len(result.files)
    details = (
        f"{result.errors} error(s), {result.warnings} warning(s) in {files} migration file(s), "
        f"{result.statements} statement(s); policy {result.policy}, dialect {result.dialect}."
    )
    if omitted_annotations:
        details += (
            f" {omitted_annotations} finding(s) are not annotated (Bitbucket keeps "
            f"{MAX_ANNOTATIONS} per report); run dbops check for all of them."
        )
    return InsightsReport(
        external_id=REPORT_ID,
        title="dbops review",
        details=_cut(details, _DETAILS_LIMIT),
        result="FAILED" if failed else "PASSED",
    )


def _importance(finding: Finding) -> tuple[int, int, str, int, int, str]:
    level_rank = {Level.ERROR: 0, Level.WARNING: 1}.get(finding.level, 2)
    return (
        level_rank,
        -finding.risk.rank,
        finding.file,
        finding.line,
        finding.column,
        finding.rule,
    )


def _finding_id(finding: Finding) -> str:
    # Not the column: findings point at the element at fault, whose column moves when
    # something earlier on its line is fixed (`name text NOT NULL, email text`), and the
    # same finding must keep its id. The message names the element; `_unique` separates
    # the rare findings that still collide.
    key = "\0".join((finding.file, str(finding.line), finding.rule, finding.message))
    return "dbops-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


def _unique(candidate: str, used: set[str]) -> str:
    value, suffix = candidate, 2
    while value in used:
        value = f"{candidate}-{suffix}"
        suffix += 1
    used.add(value)
    return value


def _annotation(finding: Finding, external_id: str) -> Annotation:
    return Annotation(
        external_id=external_id,
        path=finding.file,
        line=max(finding.line, 1),
        summary=_cut(f"{finding.rule}: {finding.message}", _SUMMARY_LIMIT),
        details=_cut(
            f"{finding.level.value} {finding.rule} at line {finding.line}, column "
            f"{finding.column} ({finding.risk.value} risk statement): {finding.message}",
            _DETAILS_LIMIT,
        ),
        severity=_severity(finding),
        annotation_type="BUG" if finding.rule == "syntax-error" else "CODE_SMELL",
    )


def _severity(finding: Finding) -> str:
    if finding.level == Level.ERROR:
        return "CRITICAL" if finding.risk == Risk.HIGH else "HIGH"
    if finding.level == Level.INFO:
        return "LOW"
    return "MEDIUM" if finding.risk == Risk.HIGH else "LOW"


def _cut(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
