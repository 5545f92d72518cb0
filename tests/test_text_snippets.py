"""The text report's diagnostics: the exact span underlined, help, fix diff, docs link; a
window around the span on a huge line; control characters from files never reach the
terminal."""

from __future__ import annotations

import io
import time

from rich.console import Console

from dbops.core.findings import Edit, Finding, Fix, Level
from dbops.report.snippets import SnippetStyle, render_finding


def _plain(finding: Finding, text: str, width: int = 100, docs: str = "") -> str:
    console = Console(file=io.StringIO(), width=width, no_color=True, force_terminal=False)
    for line in render_finding(finding, text.split("\n"), text, SnippetStyle(width, docs)):
        console.print(line, highlight=False, soft_wrap=True)
    output = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(output, str)
    return output


SQL = "CREATE TABLE t (id int);\nALTER TABLE t ADD COLUMN age int;\n"
AGE = Finding(
    "column-no-null", Level.ERROR, "m/2.sql", 2, 15, 'column "age" can be NULL',
    end_line=2, end_column=32, help="declare it NOT NULL",
)  # fmt: skip


def test_first_lines_are_stable_and_the_span_is_underlined() -> None:
    lines = _plain(AGE, SQL, docs="https://example.com/column-no-null.md").split("\n")
    assert lines[0] == 'error[column-no-null]: column "age" can be NULL'
    assert lines[1] == " --> m/2.sql:2:15"
    assert "2 | ALTER TABLE t ADD COLUMN age int;" in lines
    caret = lines[lines.index("2 | ALTER TABLE t ADD COLUMN age int;") + 1]
    assert caret == "  |" + " " * 15 + "^" * 18
    assert "  = help: declare it NOT NULL" in lines
    assert "  = docs: https://example.com/column-no-null.md" in lines


def test_the_fix_is_shown_as_a_diff() -> None:
    fix = Fix("declare it NOT NULL", (Edit.insert(2, 33, " NOT NULL"),))
    output = _plain(Finding(**{**AGE.__dict__, "fix": fix}), SQL)
    assert "  = fix: declare it NOT NULL\n" in output
    assert "-ALTER TABLE t ADD COLUMN age int;\n" in output
    assert "+ALTER TABLE t ADD COLUMN age int NOT NULL;\n" in output


def test_a_huge_line_shows_a_window_around_the_span() -> None:
    line = "INSERT INTO t VALUES " + "(1), " * 1_000_000 + "(NULL);"
    at = line.index("(NULL)") + 1
    finding = Finding("r", Level.WARNING, "dump.sql", 1, at, "m", end_line=1, end_column=at + 5)
    started = time.perf_counter()
    output = _plain(finding, line, width=80)
    assert time.perf_counter() - started < 1
    assert max(len(row) for row in output.split("\n")[2:]) < 120
    shown = next(row for row in output.split("\n") if row.startswith("1 | "))
    caret = output.split("\n")[output.split("\n").index(shown) + 1]
    assert shown[caret.index("^") : caret.rindex("^") + 1] == "(NULL)"
    assert shown.startswith("1 | …")


def test_control_characters_are_escaped_and_carets_still_align() -> None:
    sql = "SELECT '\x1b[31m' || name FROM t;\n"
    finding = Finding(
        "r", Level.WARNING, "evil\x1b].sql", 1, 19, "bad \x07", end_line=1, end_column=22
    )
    output = _plain(finding, sql)
    assert "\x1b" not in output and "\x07" not in output
    assert "evil\\x1b].sql" in output and "bad \\x07" in output
    shown = next(row for row in output.split("\n") if row.startswith("1 | "))
    caret = output.split("\n")[output.split("\n").index(shown) + 1]
    assert shown[caret.index("^") : caret.rindex("^") + 1] == "name"


def test_help_wraps_to_the_terminal() -> None:
    finding = Finding(**{**AGE.__dict__, "help": "word " * 40})
    rows = [row for row in _plain(finding, SQL, width=60).split("\n") if row.strip()]
    helps = rows[rows.index(next(r for r in rows if "= help:" in r)) :]
    assert all(len(row) <= 60 for row in helps[:3])
    assert helps[1].startswith(" " * 10 + "word")


def test_progress_is_silent_off_a_terminal(capsys) -> None:  # type: ignore[no-untyped-def]
    from dbops.cli.console import progress_after

    with progress_after("working", delay=0.0):
        time.sleep(0.05)
    assert capsys.readouterr().err == ""
