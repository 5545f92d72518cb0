"""The fix engine: edits applied to a file's text, overlaps refused."""

from __future__ import annotations

import pytest

from dbops.core.findings import Edit, Finding, Fix, Level
from dbops.core.fixes import OverlappingEdits, apply_edits, compatible_fixes, unified_diff

TEXT = "CREATE INDEX i ON t (a);\nDROP INDEX j;\n"


def test_edits_apply_at_original_positions() -> None:
    edits = [
        Edit.insert(1, 8, "CONCURRENTLY "),  # positions of the text before any edit
        Edit(2, 1, 2, 11, "DROP INDEX IF EXISTS"),
        Edit.insert(1, 1, "-- dbops:no-transaction\n"),
    ]
    assert apply_edits(TEXT, edits) == (
        "-- dbops:no-transaction\nCREATE CONCURRENTLY INDEX i ON t (a);\nDROP INDEX IF EXISTS j;\n"
    )


def test_overlapping_edits_are_refused() -> None:
    with pytest.raises(OverlappingEdits):
        apply_edits(TEXT, [Edit(1, 1, 1, 7, "X"), Edit(1, 3, 1, 10, "Y")])


def test_an_edit_outside_the_file_is_refused() -> None:
    with pytest.raises(OverlappingEdits):
        apply_edits(TEXT, [Edit.insert(9, 1, "X")])


def _finding(fix: Fix, line: int = 1) -> Finding:
    return Finding("r", Level.ERROR, "f.sql", line, 1, "m", fix=fix)


def test_compatible_fixes_take_a_shared_fix_once_and_skip_overlaps() -> None:
    prelude = Fix("prelude", (Edit.insert(1, 1, "SET lock_timeout = '2s';\n"),))
    clash = Fix("clash", (Edit.insert(1, 1, "other\n"),))
    rename = Fix("rename", (Edit(2, 1, 2, 5, "drop"),))
    chosen = compatible_fixes(
        [_finding(prelude), _finding(prelude), _finding(clash), _finding(rename, 2)]
    )
    assert chosen == [prelude, rename]


def test_unified_diff_names_the_file() -> None:
    diff = unified_diff("m/V1.sql", TEXT, TEXT.replace("DROP", "drop"))
    assert diff.startswith("--- a/m/V1.sql\n+++ b/m/V1.sql\n")
    assert "-DROP INDEX j;\n+drop INDEX j;\n" in diff
    assert unified_diff("m/V1.sql", TEXT, TEXT) == ""
