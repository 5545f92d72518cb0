"""The pull-request comment (DESIGN §4): one per PR, found again by its hidden marker line.

Summary, a per-file table with risk and findings, then the findings in a collapsed section.
Everything that comes from the repository is escaped; the whole body stays under Bitbucket's
size limit, shortening the table and the details (with a note saying so) when it would not.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from dbops.core.findings import Finding, Level, Risk
from dbops.core.review import FileReview, ReviewResult
from dbops.publish.markdown import escape_text

MARKER = "[//]: # (dbops-review)"
MAX_COMMENT_CHARS = 30_000
_RISK_BADGE = {Risk.HIGH: "🔴 high", Risk.MODERATE: "🟠 moderate", Risk.LOW: "🟢 low"}
_TRUNCATION_RESERVE = 400  # room kept for the truncation note
_MESSAGE_LIMIT = 500
_CELL_LIMIT = 300


def is_review_comment(raw: str) -> bool:
    """Whether a comment's markdown is the one dbops keeps up to date."""
    return raw.lstrip().startswith(MARKER)


def render_comment(result: ReviewResult, max_chars: int = MAX_COMMENT_CHARS) -> str:
    """The comment's markdown, at most `max_chars` characters long."""
    head = _head(result)
    rows = [_file_row(file) for file in result.files]
    details = _detail_lines(result.files)
    tail = _notes(result)
    full = _assemble(head, rows, details, tail, omitted_files=0, omitted_findings=0)
    if len(full) <= max_chars:
        return full
    return _shortened(head, rows, details, tail, result, max_chars)


def _head(result: ReviewResult) -> list[str]:
    if result.errors or result.warnings:
        icon = "❌" if result.errors else "⚠️"
        verdict = f"{icon} dbops review: {_count(result.errors, 'error')}, " + _count(
            result.warnings, "warning"
        )
    else:
        verdict = "✅ dbops review: no findings"
    files = _count(len(result.files), "migration file")
    return [
        MARKER,
        f"### {verdict}",
        "",
        f"Reviewed {files} ({_count(result.statements, 'statement')}) with policy "
        f"**{escape_text(result.policy)}**, dialect **{escape_text(result.dialect)}**.",
        "",
    ]


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _file_row(file: FileReview) -> str:
    errors = sum(1 for finding in file.findings if finding.level == Level.ERROR)
    warnings = len(file.findings) - errors
    rules = Counter(finding.rule for finding in file.findings)
    listed = ", ".join(f"{rule} (x{n})" if n > 1 else rule for rule, n in sorted(rules.items()))
    summary = escape_text(listed, _CELL_LIMIT) if listed else "none"
    return (
        f"| {escape_text(file.path, _CELL_LIMIT)} | {escape_text(file.version)} | "
        f"{_RISK_BADGE[file.risk]} | {errors} | {warnings} | {summary} |"
    )


_TABLE_HEAD = [
    "| File | Version | Risk | Errors | Warnings | Findings |",
    "|---|---|---|---|---|---|",
]


def _detail_lines(files: Sequence[FileReview]) -> list[tuple[str, int]]:
    """Markdown lines of the collapsed section, each with how many findings it carries."""
    lines: list[tuple[str, int]] = []
    for file in files:
        if not file.findings:
            continue
        lines.append((f"**{escape_text(file.path, _CELL_LIMIT)}**\n", 0))
        lines.extend((_finding_line(finding), 1) for finding in file.findings)
        lines.append(("", 0))
    return lines


def _finding_line(finding: Finding) -> str:
    origin = "" if finding.source == "dbops" else f" ({escape_text(finding.source)})"
    return (
        f"- `L{finding.line}:{finding.column}` **{finding.level.value}** "
        f"{escape_text(finding.rule)}{origin} ({finding.risk.value} risk): "
        f"{escape_text(finding.message, _MESSAGE_LIMIT)}"
    )


def _notes(result: ReviewResult) -> list[str]:
    return [f"_{escape_text(note)}_" for note in result.notes]


def _assemble(
    head: list[str],
    rows: list[str],
    details: list[tuple[str, int]],
    tail: list[str],
    omitted_files: int,
    omitted_findings: int,
) -> str:
    lines = list(head)
    if rows or omitted_files:
        lines += [*_TABLE_HEAD, *rows, ""]
    else:
        lines += ["No migration files to review.", ""]
    if details:
        findings = sum(weight for _, weight in details) + omitted_findings
        lines += ["<details>", f"<summary>Findings ({findings})</summary>", ""]
        lines += [text for text, _ in details]
        lines += ["</details>", ""]
    if omitted_files or omitted_findings:
        lines += [_truncation_note(omitted_files, omitted_findings), ""]
    lines += tail
    return "\n".join(lines).rstrip() + "\n"


def _truncation_note(omitted_files: int, omitted_findings: int) -> str:
    parts = []
    if omitted_files:
        parts.append(f"{_count(omitted_files, 'file')} left out of the table")
    if omitted_findings:
        parts.append(f"{_count(omitted_findings, 'finding')} left out of the details")
    return (
        f"> ✂️ Shortened to fit Bitbucket's comment size limit: {' and '.join(parts)}. "
        f"The Code Insights report and `dbops check` on the branch show everything."
    )


def _shortened(
    head: list[str],
    rows: list[str],
    details: list[tuple[str, int]],
    tail: list[str],
    result: ReviewResult,
    max_chars: int,
) -> str:
    budget = max_chars - _TRUNCATION_RESERVE
    budget -= sum(len(line) + 1 for line in (*head, *_TABLE_HEAD, *tail)) + 200
    # The table gets at most 60% of the room when there are details, so both stay useful.
    table_budget = int(budget * 0.6) if details else budget
    kept_rows = _fit([(row, 0) for row in rows], table_budget)
    budget -= sum(len(row) + 1 for row, _ in kept_rows)
    kept_details = _fit(details, budget)
    shown_findings = sum(weight for _, weight in kept_details)
    # A file heading with none of its findings kept would mislead; drop a dangling heading.
    while kept_details and kept_details[-1][1] == 0:
        kept_details.pop()
    body = _assemble(
        head,
        [row for row, _ in kept_rows],
        kept_details,
        tail[:3],
        omitted_files=len(rows) - len(kept_rows),
        omitted_findings=len(result.findings) - shown_findings,
    )
    return body[:max_chars]


def _fit(lines: list[tuple[str, int]], budget: int) -> list[tuple[str, int]]:
    kept: list[tuple[str, int]] = []
    used = 0
    for text, weight in lines:
        if used + len(text) + 1 > budget:
            break
        kept.append((text, weight))
        used += len(text) + 1
    return kept
