"""The pull-request comment (DESIGN §4): one per PR, found again by its hidden marker line.

Readable in ten seconds, top to bottom: the verdict; every environment's own verdict (so prod's
stricter policy is known before the merge); a per-file table with risk, the strongest lock and
how long it is held, and the findings; the schema change summary; then each finding with a link
into the PR's diff, its message, the lock its statement takes and the fix.

Only markdown Bitbucket Cloud renders: no HTML (Bitbucket escapes it, so a `<details>` fold
shows as text). The body stays under Bitbucket's size limit by summarising, in this order: the
detail of warnings and infos goes first, then clean files leave the table, the schema changes
are capped, warnings and infos are only counted, errors lose their detail, the table folds into
counts; last, findings that still do not fit are counted. A finding is kept or left out whole,
never cut, and a note says what was left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from dbops.core.findings import Finding, Level
from dbops.core.review import ReviewResult
from dbops.publish.comment_parts import (
    FILE_TABLE_HEAD,
    collapsed_file_lines,
    count,
    environment_lines,
    file_row,
    finding_lines,
    note_lines,
    schema_change_lines,
    verdict_lines,
)
from dbops.publish.diff_links import DiffLinks
from dbops.report.lock_text import StatementIndex

MARKER = "[//]: # (dbops-review)"
MAX_COMMENT_CHARS = 30_000
_NOTE_RESERVE = 600  # room kept for the note saying what was left out, and the notes
_SCHEMA_CAP = 5  # changes listed per file once the summary must shrink


def is_review_comment(raw: str) -> bool:
    """Whether a comment's markdown is the one dbops keeps up to date."""
    return raw.lstrip().startswith(MARKER)


@dataclass(frozen=True)
class _Plan:
    """How much of the review the body shows."""

    minor_detail: bool = True  # the lock and fix lines of warnings and infos
    clean_rows: bool = True  # table rows of files without findings
    schema_limit: int | None = None  # changes listed per file (None: all; 0: counted only)
    minor_findings: bool = True  # warnings and infos listed (else counted)
    error_detail: bool = True  # the lock and fix lines of errors
    table: bool = True  # the per-file table (else counts)


_PLANS = (
    _Plan(),
    _Plan(minor_detail=False),
    _Plan(minor_detail=False, clean_rows=False),
    _Plan(minor_detail=False, clean_rows=False, schema_limit=_SCHEMA_CAP),
    _Plan(minor_detail=False, clean_rows=False, schema_limit=_SCHEMA_CAP, minor_findings=False),
    _Plan(False, False, _SCHEMA_CAP, False, error_detail=False),
    _Plan(False, False, _SCHEMA_CAP, False, False, table=False),
    _Plan(False, False, 0, False, False, table=False),
)


def render_comment(
    result: ReviewResult, max_chars: int = MAX_COMMENT_CHARS, links: DiffLinks | None = None
) -> str:
    """The comment's markdown, at most `max_chars` characters long; findings link into the
    PR's diff when `links` says where it is."""
    for plan in _PLANS:  # every finding listed, each plan summarising more
        body = _Body(result, links, plan).render(None)
        if len(body) <= max_chars:
            return body
    # Still too long: the most summarised plan, with the findings that fit (errors first).
    body = _Body(result, links, _PLANS[-1]).render(max_chars - _NOTE_RESERVE)
    return body if len(body) <= max_chars else _last_resort(result, max_chars)


class _Body:
    def __init__(self, result: ReviewResult, links: DiffLinks | None, plan: _Plan) -> None:
        self.result, self.links, self.plan = result, links, plan
        self.statements = StatementIndex(result)
        self.in_transaction = {file.path: file.in_transaction for file in result.files}

    def render(self, budget: int | None) -> str:
        """The body; with a `budget`, only the findings that fit in it are listed."""
        head = [MARKER, *verdict_lines(self.result), *environment_lines(self.result.environments)]
        head += self._files() + self._schema()
        used = sum(len(line) + 1 for line in head)
        items, left_out = self._findings(None if budget is None else budget - used)
        lines = head
        if items:
            lines += [f"#### Findings ({len(self.result.findings)})", ""]
            lines += [line for item in items for line in item] + [""]
        if left_out:
            lines += [_left_out_note(left_out), ""]
        lines += note_lines(self.result)
        return "\n".join(lines).rstrip() + "\n"

    def _files(self) -> list[str]:
        files = self.result.files
        if not files:
            return ["No migration files to review.", ""]
        if not self.plan.table:
            return ["#### Files", "", *collapsed_file_lines(files)]
        shown = [file for file in files if self.plan.clean_rows or file.findings]
        lines = ["#### Files", ""]
        if shown:
            lines += [*FILE_TABLE_HEAD, *(file_row(file) for file in shown), ""]
        if len(shown) < len(files):
            lines += [f"{count(len(files) - len(shown), 'file')} without findings not listed.", ""]
        return lines

    def _schema(self) -> list[str]:
        if self.plan.schema_limit == 0:
            changes = sum(len(file.schema_changes) for file in self.result.files)
            touched = sum(1 for file in self.result.files if file.schema_changes)
            if not changes:
                return []
            return [
                "#### Schema changes",
                "",
                f"{count(changes, 'schema change')} in {count(touched, 'file')} "
                f"(`dbops check --format json` lists them).",
                "",
            ]
        return schema_change_lines(self.result.files, self.plan.schema_limit)

    def _findings(self, budget: int | None) -> tuple[list[list[str]], list[Finding]]:
        """The findings' list items that fit in `budget`, and the findings left out. Errors
        claim the room first; the list keeps the review's order."""
        used = len("#### Findings (000000)\n\n\n")
        kept: dict[int, list[str]] = {}
        findings = self.result.findings
        by_priority = sorted(
            range(len(findings)), key=lambda i: findings[i].level is not Level.ERROR
        )
        for position in by_priority:
            finding = findings[position]
            minor = finding.level is not Level.ERROR
            if minor and not self.plan.minor_findings:
                continue
            detailed = self.plan.minor_detail if minor else self.plan.error_detail
            item = finding_lines(
                finding,
                self.statements.at(finding.file, finding.line),
                self.in_transaction.get(finding.file, True),
                self.links,
                detailed,
            )
            size = sum(len(line) + 1 for line in item)
            if budget is not None and used + size > budget:
                continue
            kept[position] = item
            used += size
        items = [kept[position] for position in sorted(kept)]
        left_out = [finding for position, finding in enumerate(findings) if position not in kept]
        return items, left_out


def _left_out_note(left_out: Sequence[Finding]) -> str:
    errors = sum(1 for finding in left_out if finding.level is Level.ERROR)
    others = len(left_out) - errors
    parts = [count(n, noun) for n, noun in ((errors, "error"), (others, "other finding")) if n]
    return (
        f"> ✂️ Shortened to fit Bitbucket's comment size limit: {' and '.join(parts)} not "
        f"listed here. The Code Insights report and `dbops check` on the branch show everything."
    )


def _last_resort(result: ReviewResult, max_chars: int) -> str:
    """Even counted, the review does not fit (thousands of files or environments): only the
    verdict and a pointer to the full report, whole lines only."""
    lines = [MARKER, *verdict_lines(replace(result, notes=()))]
    lines.append(
        "> ✂️ This review is too large for a Bitbucket comment: the Code Insights report and "
        "`dbops check` on the branch show everything."
    )
    body = "\n".join(lines) + "\n"
    return body if len(body) <= max_chars else f"{MARKER}\n### dbops review: see Code Insights\n"
