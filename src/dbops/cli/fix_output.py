"""`dbops check --fix` and `--diff`: what the fixes change, said on the terminal."""

from __future__ import annotations

import sys

from dbops.adapters.config_file import Project
from dbops.cli.console import progress_after
from dbops.commands.check import CheckOutcome, CheckRequest
from dbops.commands.fix import plan_fixes, write_fixes
from dbops.core.fixes import unified_diff
from dbops.report.text_safety import printable


def run_fixes(project: Project, request: CheckRequest, *, write: bool) -> CheckOutcome | None:
    """With `write`, apply the fixes, list them on stderr and return the review of the fixed
    files (reported as usual). Without, print the diff on stdout and return None when there is
    nothing to fix, else the review the fixes would give (the caller exits 1: a diff shown)."""
    with progress_after("dbops: reviewing and fixing migrations…"):
        plan = plan_fixes(project, request)
    if not write:
        for change in plan.changes:
            sys.stdout.write(printable(unified_diff(change.path, change.before, change.after)))
        count = len(plan.changes)
        print(
            f"dbops: {count} file(s) would be fixed; run with --fix to write them.", file=sys.stderr
        )
        return plan.outcome if plan.changes else None
    write_fixes(plan, request.cwd)
    for change in plan.changes:
        for fix in change.fixes:
            print(f"fixed {printable(change.path)}: {fix.description}", file=sys.stderr)
    if not plan.changes:
        print("dbops: nothing to fix.", file=sys.stderr)
    return plan.outcome
