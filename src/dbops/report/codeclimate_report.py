"""`--format codeclimate`: GitLab Code Quality (`artifacts:reports:codequality`).

One JSON array of issues with `description`, `check_name`, `fingerprint`, `severity` and
`location.path` + `location.lines.begin` (see ../shared/contracts/formats/gitlab-code-quality.md).
GitLab keys issues by fingerprint (duplicates collapse) and compares the fingerprints of two
pipelines to show what a merge request fixed or introduced. So a fingerprint must be unique in
a report and stay the same when unrelated lines move: it hashes the file, the rule, the message
and which occurrence of that same triple it is, never the line number.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Any

from dbops.core.findings import Finding, Level
from dbops.core.review import ReviewResult

_SEVERITY = {Level.ERROR: "major", Level.WARNING: "minor", Level.INFO: "info"}


def render_codeclimate(result: ReviewResult) -> str:
    return json.dumps(codeclimate_issues(result), indent=2) + "\n"


def codeclimate_issues(result: ReviewResult) -> list[dict[str, Any]]:
    seen: Counter[tuple[str, str, str]] = Counter()
    issues = []
    for finding in result.findings:
        key = (finding.file, finding.rule, finding.message)
        seen[key] += 1
        issues.append(_issue(finding, fingerprint(*key, occurrence=seen[key])))
    return issues


def fingerprint(path: str, rule: str, message: str, occurrence: int) -> str:
    material = "\0".join((path, rule, message, str(occurrence)))
    return hashlib.sha256(material.encode("utf-8")).hexdigest()[:32]


def _issue(finding: Finding, print_: str) -> dict[str, Any]:
    return {
        "type": "issue",
        "description": f"{finding.rule}: {finding.message}",
        "check_name": finding.rule,
        "fingerprint": print_,
        "severity": _SEVERITY[finding.level],
        "categories": ["Bug Risk"],
        "location": {
            "path": finding.file,  # relative to the working directory: run from the repo root
            "lines": {"begin": max(finding.line, 1)},
        },
    }
