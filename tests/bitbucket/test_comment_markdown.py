"""The PR comment as Bitbucket renders it: CommonMark with HTML disabled. Nothing dbops writes
may show as a literal tag, the tables must be tables, and a huge review must be summarised
under the size limit without cutting a finding."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from html import unescape
from pathlib import Path

from markdown_it import MarkdownIt

from dbops.core.findings import Finding, Level, Risk
from dbops.core.locks import LockImpact, LockMode, RelationLock
from dbops.core.review import FileReview, ReviewResult, StatementImpact
from dbops.core.schema_changes import SchemaChange
from dbops.core.verdicts import EnvironmentVerdict
from dbops.publish.comment import MARKER, MAX_COMMENT_CHARS, render_comment
from dbops.publish.diff_links import DiffLinks, diff_links_from_environment
from tests.bitbucket.reviews import finding

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
LINKS = DiffLinks("acme", "shop", 42)
# What a leaked dbops-made tag looks like once Bitbucket escapes it.
LEAKED_TAG = re.compile(r"&lt;/?(details|summary|br|b|i|code|table|tr|td|sub|sup|p|div)\b")


def to_html(markdown: str) -> str:
    return MarkdownIt("commonmark", {"html": False}).enable("table").render(markdown)


def example_comment(run_cli) -> str:
    result = run_cli("check", "--format", "markdown", "--config", str(EXAMPLES / "dbops.yaml"))
    assert result.exit_code == 1, result.stderr  # t2024's nullable column is an error
    return str(result.stdout)


def test_example_comment_renders_without_html(run_cli) -> None:
    body = example_comment(run_cli)
    assert body.startswith(MARKER + "\n")
    tokens = MarkdownIt("commonmark", {"html": False}).enable("table").parse(body)
    assert not [t for t in tokens if t.type.startswith("html")]
    html = to_html(body)
    assert not LEAKED_TAG.search(html), LEAKED_TAG.search(html)
    assert "dbops-review" not in html  # the marker is a link definition: invisible
    assert html.count("<table>") == 2  # environments, files
    assert "<th>Strongest lock (held)</th>" in html
    assert "<td>prod</td>" in html


def test_example_comment_shows_environments_schema_changes_locks_and_findings(run_cli) -> None:
    html = to_html(example_comment(run_cli))
    text = unescape(re.sub(r"<[^>]+>", "", html))
    assert "test: passes with 1 error (fail_on: never)" in text
    assert "prod: blocked by policy strict: 1 error" in text
    assert "table t2024 added: id bigint NOT NULL, name text" in text
    assert "column customers.country_code added: text, NOT NULL" in text
    assert "ACCESS EXCLUSIVE on public.customers, line 5 to the end of the file" in text
    assert 'column-no-null (low risk): column "name" of table t2024 can be NULL' in text


def test_findings_link_into_the_pull_requests_diff() -> None:
    item = finding(file="db/migrations/2 (b).sql", line=7)
    body = render_comment(_result([item]), links=LINKS)
    html = to_html(body)
    expected = (
        "https://bitbucket.org/acme/shop/pull-requests/42/diff#Ldb/migrations/2%20%28b%29.sqlT7"
    )
    assert f'<a href="{expected}">db/migrations/2 (b).sql:7</a>' in html
    assert (
        diff_links_from_environment(
            {"BITBUCKET_WORKSPACE": "acme", "BITBUCKET_REPO_SLUG": "shop", "BITBUCKET_PR_ID": "42"}
        )
        == LINKS
    )
    assert diff_links_from_environment({"BITBUCKET_PR_ID": "42"}) is None


def test_hostile_text_stays_text_when_rendered() -> None:
    hostile = (
        "**bold** [x](https://evil.example) ![i](https://evil.example/i.png) <b>tag</b> "
        "<details> @alice | cell `code`"
    )
    item = finding(message=hostile, file="migrations/1_<br>.sql")
    changes = (SchemaChange("added", "table", "<script>", "a | b"),)
    html = to_html(render_comment(_result([item], changes=changes), links=LINKS))
    assert "<strong>bold</strong>" not in html and "<img" not in html and "<b>" not in html
    assert "<script>" not in html and "<details>" not in html
    assert all("bitbucket.org/acme/shop" in href for href in re.findall(r'href="([^"]+)"', html))
    assert "@alice" not in html  # a zero-width space breaks the mention
    assert html.count("<table>") == 1  # the | in the message did not open a table


def test_lock_and_fix_are_shown_under_a_finding() -> None:
    @dataclass(frozen=True)
    class Edit:
        line: int
        replacement: str

    @dataclass(frozen=True)
    class Fix:
        description: str
        edits: tuple[Edit, ...]

    @dataclass(frozen=True)
    class FixedFinding(Finding):  # the fix field arrives with the fix engine
        fix: Fix | None = None

    prelude = Edit(1, "SET lock_timeout = '2s';\n")
    block = Edit(4, "ALTER TABLE orders\n  VALIDATE CONSTRAINT c;\n")
    item = FixedFinding(
        "require-timeout-settings",
        Level.ERROR,
        "migrations/002_drop.sql",
        3,
        1,
        "no timeout",
        Risk.MODERATE,
        fix=Fix("add a lock_timeout prelude", (prelude, block)),
    )
    html = to_html(render_comment(_result([item])))
    text = unescape(re.sub(r"<[^>]+>", "", html))
    assert "Lock (held to the end of the file: its transaction): ACCESS EXCLUSIVE on " in text
    assert "public.orders (blocks reads, writes, ddl)" in text
    assert (
        """Fix: add a lock_timeout prelude (inserts "SET lock_timeout = '2s';" at line 1)""" in text
    )
    assert '<code class="language-sql">ALTER TABLE orders\n  VALIDATE CONSTRAINT c;' in unescape(
        html
    )


def test_huge_review_is_summarised_under_the_limit_errors_first() -> None:
    files = 2000
    findings = [
        finding(file=f"migrations/{n:05d}_m.sql", line=3, message="e" * 200)
        for n in range(0, files, 50)
    ] + [
        finding(file=f"migrations/{n:05d}_m.sql", line=4, level=Level.WARNING, message="w" * 300)
        for n in range(files)
    ]
    changes = tuple(
        SchemaChange("added", "column", f"t.c{n}", "integer, NULL", 1) for n in range(20)
    )
    result = _result(findings, changes=changes, files=files)
    body = render_comment(result, links=LINKS)
    assert len(body) <= MAX_COMMENT_CHARS
    html = to_html(body)
    assert not LEAKED_TAG.search(html)
    assert "Shortened to fit Bitbucket's comment size limit" in body
    listed = [line for line in body.splitlines() if line.startswith("- ❌")]
    assert len(listed) == files // 50  # every error is listed, whole
    assert all(line.endswith("e" * 200) for line in listed)
    assert not [line for line in body.splitlines() if line.startswith("- ⚠️")]
    assert "2000 other findings not listed here" in body


def test_detail_of_warnings_goes_before_anything_else() -> None:
    findings = [finding(line=3)] + [
        finding(line=3, rule=f"rule-{n}", level=Level.WARNING, message="w" * 100) for n in range(60)
    ]
    result = _result(findings)
    full = render_comment(result, max_chars=10**6)
    limit = len(full) - 1000
    body = render_comment(result, max_chars=limit)
    assert len(body) <= limit
    lock_lines = [line for line in body.splitlines() if "🔒 Lock" in line]
    assert len(lock_lines) == 1  # the error's; the warnings lost theirs
    assert body.count("- ⚠️") == 60 and "Shortened" not in body


def test_environment_verdicts_read_as_a_sentence() -> None:
    def verdict(**changes: object) -> EnvironmentVerdict:
        base = EnvironmentVerdict("prod", "strict", "error", "PostgreSQL 16", 2, 1, 1)
        return replace(base, **changes)  # type: ignore[arg-type]

    assert verdict().describe() == "blocked by policy strict: 2 errors"
    assert (
        verdict(fail_on="warning").describe() == "blocked by policy strict: 2 errors and 1 warning"
    )
    assert verdict(errors=0, exit_code=0).describe() == "passes with 1 warning"
    assert verdict(errors=0, warnings=0, exit_code=0).describe() == "passes"
    assert verdict(fail_on="never", exit_code=0).describe() == (
        "passes with 2 errors and 1 warning (fail_on: never)"
    )
    assert verdict(exit_code=2).describe().startswith("incomplete")


def _result(
    findings: list[Finding], changes: tuple[SchemaChange, ...] = (), files: int = 0
) -> ReviewResult:
    """A review whose statements all take ACCESS EXCLUSIVE on public.orders at line 3."""
    impact = StatementImpact(
        "",
        3,
        "alter-table",
        LockImpact((RelationLock("public.orders", LockMode.ACCESS_EXCLUSIVE),)),
    )
    paths = dict.fromkeys([*(f"migrations/{n:05d}_m.sql" for n in range(files))])
    paths.update(dict.fromkeys(item.file for item in findings))
    reviews = tuple(
        FileReview(
            path,
            "1",
            "ddl",
            1,
            Risk.MODERATE,
            tuple(item for item in findings if item.file == path),
            impacts=(replace(impact, file=path),),
            schema_changes=changes,
        )
        for path in paths
    )
    ordered = tuple(sorted(findings, key=lambda item: item.sort_key))
    return ReviewResult(reviews, ordered, "default", "postgres")
