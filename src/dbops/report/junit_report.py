"""`--format junit`: JUnit XML, so that Bitbucket Pipelines shows findings as failed tests.

Pipelines picks up `test-results/**/*.xml` by itself. There is no JUnit standard; we emit the
subset of Jenkins' junit-10.xsd every reader accepts (see ../shared/contracts/formats/
junit-ci-compat.md): `testsuites > testsuite[name, tests, failures, errors, skipped, time] >
testcase[classname, name, time] > failure[message, type]`. No `file`/`line` attributes on a
testcase (GitLab reads them, junit-10.xsd rejects them): the location is in the name.

One test suite per migration file; one test case per finding: an error is a failure, a warning
or an info is a passing test case whose system-out says what was found (Bitbucket's Tests tab
shows any failure as a failed step, and a warning does not block the merge); a file without
findings is one passing test case, so a green run still lists every reviewed file.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree

from dbops.core.findings import Finding, Level
from dbops.core.review import FileReview, ReviewResult

_ZERO_TIME = "0.000"  # review time is not measured per file; junit-10.xsd allows 3 decimals
_MAX_FIELD = 2000  # Bitbucket shows at most 2,000 characters of a field
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render_junit(result: ReviewResult) -> str:
    orphans = _findings_outside_files(result)
    root = ElementTree.Element(
        "testsuites",
        {
            "name": "dbops check",
            "tests": str(sum(_test_count(file) for file in result.files) + len(orphans)),
            "failures": str(_failures(result.findings)),
            "errors": "0",
            "time": _ZERO_TIME,
        },
    )
    for file in result.files:
        root.append(_testsuite(file))
    if orphans:
        root.append(_orphan_suite(orphans))
    ElementTree.indent(root)
    body = ElementTree.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


def _failures(findings: tuple[Finding, ...] | list[Finding]) -> int:
    return sum(1 for finding in findings if finding.level is Level.ERROR)


def _test_count(file: FileReview) -> int:
    return len(file.findings) or 1


def _testsuite(file: FileReview) -> ElementTree.Element:
    suite = ElementTree.Element(
        "testsuite",
        {
            "name": _clip(file.path),
            "tests": str(_test_count(file)),
            "failures": str(_failures(file.findings)),
            "errors": "0",
            "skipped": "0",
            "time": _ZERO_TIME,
        },
    )
    if not file.findings:
        passed = f"{file.statements} statement(s) reviewed, no findings"
        ElementTree.SubElement(
            suite, "testcase", {"classname": _clip(file.path), "name": passed, "time": _ZERO_TIME}
        )
    for finding in file.findings:
        suite.append(_case(finding))
    return suite


def _case(finding: Finding) -> ElementTree.Element:
    """A failing test case for an error; a passing one, the finding in system-out, else."""
    case = ElementTree.Element(
        "testcase",
        {
            "classname": _clip(finding.file),
            "name": f"{finding.rule} at line {finding.line}",
            "time": _ZERO_TIME,
        },
    )
    described = _clip(
        f"{finding.file}:{finding.line}:{finding.column} {finding.level.value} "
        f"[{finding.rule}] {finding.message} (risk {finding.risk.value})"
    )
    if finding.level is Level.ERROR:
        failure = ElementTree.SubElement(
            case,
            "failure",
            {"message": _clip(f"{finding.level.value}: {finding.message}"), "type": finding.rule},
        )
        failure.text = described
    else:
        ElementTree.SubElement(case, "system-out").text = described
    return case


def _findings_outside_files(result: ReviewResult) -> list[Finding]:
    """Findings about files that were not reviewed themselves (e.g. a cross-file check naming
    a migration outside the selection) still need a place in the report."""
    reviewed = {file.path for file in result.files}
    return [finding for finding in result.findings if finding.file not in reviewed]


def _orphan_suite(findings: list[Finding]) -> ElementTree.Element:
    suite = ElementTree.Element(
        "testsuite",
        {
            "name": "dbops cross-file checks",
            "tests": str(len(findings)),
            "failures": str(_failures(findings)),
            "errors": "0",
            "skipped": "0",
            "time": _ZERO_TIME,
        },
    )
    for finding in findings:
        suite.append(_case(finding))
    return suite


def _clip(text: str) -> str:
    """Within Bitbucket's field size, and without characters XML 1.0 cannot carry (a control
    character quoted from a migration would make the whole report unreadable)."""
    text = _XML_INVALID.sub("\ufffd", text)
    return text if len(text) <= _MAX_FIELD else text[: _MAX_FIELD - 1] + "…"
