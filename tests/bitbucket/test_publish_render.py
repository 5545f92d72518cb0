"""The PR comment and the Code Insights payloads, rendered from a review (pure functions)."""
# ruff: noqa: E501  (the snapshot holds the comment's lines as posted, however long)

from __future__ import annotations

from dbops.core.findings import Level, Risk
from dbops.publish.comment import MARKER, MAX_COMMENT_CHARS, is_review_comment, render_comment
from dbops.publish.insights import MAX_ANNOTATIONS, build_annotations, build_report
from dbops.publish.markdown import ZERO_WIDTH_SPACE, escape_text
from tests.bitbucket.reviews import finding, review

EXPECTED_COMMENT = """\
[//]: # (dbops-review)
### ❌ dbops review: 1 error, 1 warning · highest risk 🔴 high

Reviewed 2 migration files (3 statements) with policy **default**, dialect **postgres**.

#### Files

| File | Risk | Strongest lock (held) | Findings |
|---|---|---|---|
| migrations/001\\_create.sql | 🟢 low | none on existing tables | none |
| migrations/002\\_drop.sql | 🔴 high | none on existing tables | 1 error, 1 warning: ban-drop-column, ban-drop-table |

#### Findings (2)

- ❌ **error** migrations/002\\_drop.sql:3 **ban-drop-column** (moderate risk): dropping a column breaks running code
- ⚠️ **warning** migrations/002\\_drop.sql:5 **ban-drop-table** (high risk): dropping table orders loses its data
"""


def _two_findings() -> object:
    return review(
        finding(),
        finding(
            line=5,
            rule="ban-drop-table",
            message="dropping table orders loses its data",
            level=Level.WARNING,
            risk=Risk.HIGH,
        ),
        clean_files=("migrations/001_create.sql",),
    )


def test_comment_snapshot() -> None:
    result = _two_findings()
    body = render_comment(result)  # type: ignore[arg-type]
    assert body == EXPECTED_COMMENT
    assert is_review_comment(body)


def test_clean_review_says_so() -> None:
    body = render_comment(review(clean_files=("migrations/001_create.sql",)))
    assert body.splitlines()[0] == MARKER
    assert "### ✅ dbops review: no findings" in body
    assert "#### Findings" not in body
    assert "migrations/001\\_create.sql" in body


def test_sql_from_files_cannot_inject_markdown_links_or_mentions() -> None:
    hostile = (
        "column **x** [click](http://evil.example/x) ![img](https://e.x/i.png) @alice "
        "<script>alert(1)</script> | # Heading\n- item `code` www.evil.example a@b.io"
    )
    body = render_comment(review(finding(message=hostile, file="migrations/9_[x](y).sql")))
    line = next(text for text in body.splitlines() if text.startswith("- ❌"))
    assert "\n" not in line
    assert "**x**" not in line and "\\*\\*x\\*\\*" in line
    assert "[click](" not in line and "\\[click\\]\\(" in line
    assert "http://" not in body and "https://" not in body
    assert "www." not in body
    assert "@alice" not in body and f"@{ZERO_WIDTH_SPACE}alice" in line
    assert "<script>" not in body and "&lt;script&gt;" in line
    assert "`code`" not in line
    assert "[x](y)" not in body


def test_escape_text_keeps_plain_words_readable() -> None:
    assert escape_text("table orders") == "table orders"
    assert escape_text("a  b\n c") == "a b c"
    assert escape_text("x" * 50, limit=10) == "x" * 9 + "…"


def test_huge_review_is_shortened_under_the_limit_with_a_note() -> None:
    findings = [
        finding(file=f"migrations/{n:05d}_m.sql", line=line, message="m" * 400)
        for n in range(400)
        for line in range(1, 6)
    ]
    body = render_comment(review(*findings))
    assert len(body) <= MAX_COMMENT_CHARS
    assert body.startswith(MARKER + "\n")
    assert "Shortened to fit Bitbucket's comment size limit" in body
    assert "error" in body.split("Shortened")[1]
    assert "<" not in body
    # Every finding listed is whole: its message is never cut.
    listed = [line for line in body.splitlines() if line.startswith("- ❌")]
    assert listed and all(line.endswith("m" * 400) for line in listed)


def test_annotations_are_unique_stable_and_capped() -> None:
    findings = [finding(line=line, level=Level.WARNING) for line in range(1, 1101)]
    findings += [finding(line=7, level=Level.ERROR), finding(line=7, level=Level.ERROR)]
    result = review(*findings)
    annotations, omitted = build_annotations(result)
    again, _ = build_annotations(result)
    assert len(annotations) == MAX_ANNOTATIONS
    assert omitted == len(findings) - MAX_ANNOTATIONS
    ids = [annotation.external_id for annotation in annotations]
    assert len(set(ids)) == len(ids)
    assert ids == [annotation.external_id for annotation in again]
    assert sum(1 for a in annotations if a.severity == "HIGH") == 2  # errors are kept first
    assert all(a.line >= 1 and a.path == "migrations/002_drop.sql" for a in annotations)


def test_report_passes_or_fails_with_the_review() -> None:
    result = _two_findings()
    failed = build_report(result, failed=True, omitted_annotations=3)  # type: ignore[arg-type]
    assert failed.result == "FAILED"
    assert "1 error(s), 1 warning(s)" in failed.details
    assert "3 finding(s) are not annotated" in failed.details
    assert build_report(review(), failed=False).result == "PASSED"


def test_report_states_every_environments_verdict() -> None:
    from dataclasses import replace

    from dbops.core.verdicts import EnvironmentVerdict

    verdicts = (
        EnvironmentVerdict("test", "default", "never", "PostgreSQL 16", 1, 0, 0),
        EnvironmentVerdict("prod", "strict", "error", "PostgreSQL 16", 2, 0, 1),
    )
    report = build_report(replace(review(finding()), environments=verdicts), failed=True)
    assert "test: passes with 1 error (fail_on: never); prod: blocked by policy strict" in (
        report.details
    )
