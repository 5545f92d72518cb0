"""The sections of the PR comment, each as markdown lines: the verdict, the environments' own
verdicts, the per-file table, the schema change summary and the findings.

Only markdown Bitbucket Cloud renders (no raw HTML: Bitbucket shows it as text). Everything
that comes from the repository goes through `escape_text`; links are built here, from
percent-encoded parts, never from repository text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from dbops.core.findings import Finding, Level, Risk
from dbops.core.review import FileReview, ReviewResult, StatementImpact
from dbops.core.risk import highest
from dbops.core.schema_changes import ADDED, ALTERED, DROPPED, RENAMED, SchemaChange
from dbops.core.verdicts import EnvironmentVerdict
from dbops.publish.diff_links import DiffLinks
from dbops.publish.markdown import escape_text
from dbops.report.lock_text import lock_summary, strongest_lock

RISK_BADGE = {Risk.HIGH: "🔴 high", Risk.MODERATE: "🟠 moderate", Risk.LOW: "🟢 low"}
_LEVEL_ICON = {Level.ERROR: "❌", Level.WARNING: "⚠️", Level.INFO: "💬"}
_CHANGE_ICON = {ADDED: "🆕", DROPPED: "🗑️", ALTERED: "✏️", RENAMED: "🔀"}
MESSAGE_LIMIT = 500
CELL_LIMIT = 300
_FIX_TEXT_LIMIT = 600


def count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def verdict_lines(result: ReviewResult) -> list[str]:
    if result.errors or result.warnings:
        icon = "❌" if result.errors else "⚠️"
        found = f"{count(result.errors, 'error')}, {count(result.warnings, 'warning')}"
        verdict = f"{icon} dbops review: {found}"
    else:
        verdict = "✅ dbops review: no findings"
    risk = highest([file.risk for file in result.files])
    if result.files:
        verdict += f" · highest risk {RISK_BADGE[risk]}"
    judged = f", locks judged for {escape_text(result.target.label)}" if result.target else ""
    return [
        f"### {verdict}",
        "",
        f"Reviewed {count(len(result.files), 'migration file')} "
        f"({count(result.statements, 'statement')}) with policy "
        f"**{escape_text(result.policy)}**, dialect **{escape_text(result.dialect)}**{judged}.",
        "",
    ]


def environment_lines(verdicts: Sequence[EnvironmentVerdict]) -> list[str]:
    """`test: passes · prod: blocked by policy strict: 2 errors`, then the table behind it."""
    if not verdicts:
        return []
    summary = " · ".join(
        f"**{escape_text(v.environment)}**: {escape_text(v.describe())}" for v in verdicts
    )
    lines = [
        f"**Environments:** {summary}",
        "",
        "| Environment | Verdict | Policy | Fails on | Server |",
        "|---|---|---|---|---|",
    ]
    for v in verdicts:
        icon = "✅" if v.passes else "❌"
        lines.append(
            f"| {escape_text(v.environment)} | {icon} {escape_text(v.describe())} | "
            f"{escape_text(v.policy)} | {escape_text(v.fail_on)} | {escape_text(v.server)} |"
        )
    return [*lines, ""]


FILE_TABLE_HEAD = [
    "| File | Risk | Strongest lock (held) | Findings |",
    "|---|---|---|---|",
]


def file_row(file: FileReview) -> str:
    return (
        f"| {escape_text(file.path, CELL_LIMIT)} | {RISK_BADGE[file.risk]} | "
        f"{_strongest_lock_cell(file)} | {_findings_cell(file.findings)} |"
    )


def _strongest_lock_cell(file: FileReview) -> str:
    held = strongest_lock(file)
    if held is None:
        return "none on existing tables"
    until = "the end of the file" if held.until_line is None else f"line {held.until_line}"
    blocked = ", ".join(held.blocks) or "no reads or writes"
    return escape_text(
        f"{held.mode.label} on {held.relation}, line {held.from_line} to {until} "
        f"(blocks {blocked})",
        CELL_LIMIT,
    )


def _findings_cell(findings: Sequence[Finding]) -> str:
    if not findings:
        return "none"
    levels = Counter(finding.level for finding in findings)
    counted = ", ".join(count(levels[level], level.value) for level in Level if levels[level])
    rules = Counter(finding.rule for finding in findings)
    listed = ", ".join(f"{rule} (x{n})" if n > 1 else rule for rule, n in sorted(rules.items()))
    return escape_text(f"{counted}: {listed}", CELL_LIMIT)


def collapsed_file_lines(files: Sequence[FileReview]) -> list[str]:
    """The per-file table folded into counts, for a review too big to list file by file."""
    by_risk = Counter(file.risk for file in files)
    with_findings = sum(1 for file in files if file.findings)
    risks = ", ".join(f"{by_risk[r]} {RISK_BADGE[r]}" for r in Risk if by_risk[r])
    return [
        f"{count(len(files), 'file')} ({risks}); {with_findings} with findings.",
        "",
    ]


def schema_change_lines(files: Sequence[FileReview], per_file_limit: int | None) -> list[str]:
    """The schema change summary: per file, what its statements add, drop, alter and rename.
    With `per_file_limit`, each file lists that many changes and counts the rest."""
    changed = [file for file in files if file.schema_changes]
    if not changed:
        return []
    lines = ["#### Schema changes", ""]
    for file in changed:
        changes = file.schema_changes
        shown = changes if per_file_limit is None else changes[:per_file_limit]
        lines.append(f"- **{escape_text(file.path, CELL_LIMIT)}**")
        lines.extend(f"  - {_change_text(change)}" for change in shown)
        if len(shown) < len(changes):
            lines.append(f"  - and {count(len(changes) - len(shown), 'more change')}")
    return [*lines, ""]


def _change_text(change: SchemaChange) -> str:
    icon = _CHANGE_ICON.get(change.action, "•")
    detail = f": {escape_text(change.detail, CELL_LIMIT)}" if change.detail else ""
    return (
        f"{icon} {change.kind} **{escape_text(change.name, CELL_LIMIT)}** "
        f"{change.action}{detail} (line {change.line})"
    )


def finding_lines(
    finding: Finding,
    statement: StatementImpact | None,
    in_transaction: bool,
    links: DiffLinks | None,
    detailed: bool,
) -> list[str]:
    """One finding as a list item: where (a link into the diff), what, and, when `detailed`,
    the lock its statement takes and the fix. Never cut: it is kept or left out whole."""
    place = escape_text(f"{finding.file}:{finding.line}", CELL_LIMIT)
    if links is not None:
        place = f"[{place}]({links.line(finding.file, finding.line)})"
    origin = "" if finding.source == "dbops" else f" ({escape_text(finding.source)})"
    lines = [
        f"- {_LEVEL_ICON[finding.level]} **{finding.level.value}** {place} "
        f"**{escape_text(finding.rule)}**{origin} ({finding.risk.value} risk): "
        f"{escape_text(finding.message, MESSAGE_LIMIT)}"
    ]
    if not detailed:
        return lines
    locks = lock_summary(statement) if statement is not None else ""
    if locks:
        held = " (held to the end of the file: its transaction)" if in_transaction else ""
        lines.append(f"  - 🔒 Lock{held}: {escape_text(locks, MESSAGE_LIMIT)}")
    help_text = str(getattr(finding, "help", "") or "")  # arrives with the diagnostics work
    if help_text:
        lines.append(f"  - 💡 Instead: {escape_text(help_text, MESSAGE_LIMIT)}")
    fix = getattr(finding, "fix", None)  # findings carry a fix once the fix engine is merged
    if fix is not None:
        lines.extend(_fix_lines(fix))
    return lines


def _fix_lines(fix: Any) -> list[str]:
    """`🔧 Fix: <description> (inserts "NOT VALID" at line 2)`; a fix that writes several lines
    shows them in a fence no backtick run in them can close (so SQL in it stays code)."""
    edits = [edit for edit in fix.edits if str(edit.replacement).strip()]
    one_line = [edit for edit in edits if "\n" not in str(edit.replacement).strip("\n")]
    written = [_edit_phrase(edit) for edit in one_line]
    phrase = f" ({'; '.join(written)})" if written else ""
    lines = [f"  - 🔧 Fix: {escape_text(str(fix.description) + phrase, MESSAGE_LIMIT)}"]
    block = "\n".join(str(edit.replacement).strip("\n") for edit in edits if edit not in one_line)
    if block and len(block) <= _FIX_TEXT_LIMIT:
        fence = "`" * max(3, _longest_backtick_run(block) + 1)
        lines += ["", f"    {fence}sql"]
        lines += [f"    {line}" for line in block.split("\n")]
        lines += [f"    {fence}"]
    return lines


def _edit_phrase(edit: Any) -> str:
    text = str(edit.replacement).strip()
    start = (edit.line, getattr(edit, "column", 1))
    end = (getattr(edit, "end_line", edit.line), getattr(edit, "end_column", start[1]))
    verb = "inserts" if start == end else "writes"
    return f'{verb} "{text[:_FIX_TEXT_LIMIT]}" at line {edit.line}'


def _longest_backtick_run(text: str) -> int:
    longest = run = 0
    for char in text:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    return longest


def note_lines(result: ReviewResult) -> list[str]:
    return [f"_{escape_text(note)}_" for note in result.notes]
