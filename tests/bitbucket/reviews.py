"""Small ReviewResults built by hand, for the rendering tests."""

from __future__ import annotations

from dbops.core.findings import Finding, Level, Risk
from dbops.core.review import FileReview, ReviewResult


def finding(
    file: str = "migrations/002_drop.sql",
    line: int = 3,
    rule: str = "ban-drop-column",
    message: str = "dropping a column breaks running code",
    level: Level = Level.ERROR,
    risk: Risk = Risk.MODERATE,
    column: int = 1,
) -> Finding:
    return Finding(rule, level, file, line, column, message, risk)


def review(*findings: Finding, clean_files: tuple[str, ...] = ()) -> ReviewResult:
    by_file: dict[str, list[Finding]] = {path: [] for path in clean_files}
    for item in findings:
        by_file.setdefault(item.file, []).append(item)
    files = tuple(
        FileReview(
            path=path,
            version=path.split("/")[-1].split("_")[0],
            change_type="DDL",
            statements=max(len(items), 1),
            risk=max((i.risk for i in items), key=lambda risk: risk.rank, default=Risk.LOW),
            findings=tuple(items),
        )
        for path, items in sorted(by_file.items())
    )
    ordered = tuple(sorted(findings, key=lambda item: item.sort_key))
    return ReviewResult(files, ordered, "default", "postgres")
