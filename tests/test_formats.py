"""Machine formats (DESIGN §2/§4) validated against the official contracts in ../shared."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import fromstring as parse_xml

import jsonschema
import pytest
import xmlschema

from dbops import __version__
from dbops.core.findings import Finding, Level, Risk
from dbops.core.review import FileReview, ReviewResult
from dbops.report.codeclimate_report import codeclimate_issues, render_codeclimate
from dbops.report.junit_report import render_junit
from dbops.report.sarif_report import render_sarif
from dbops.rules.registry import lookup_rule
from tests.conftest import write_migrations

MIGRATIONS = {
    "1_t.sql": "CREATE TABLE t (\n  id int PRIMARY KEY,\n  name text\n);\n",
    "2_drop.sql": "-- a comment\nALTER TABLE t DROP COLUMN name;\n",
    "3_clean.sql": "CREATE TABLE u (id int PRIMARY KEY);\n",
}
GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def _check(run_cli, project: Path, output_format: str) -> str:
    write_migrations(project, MIGRATIONS)
    # Two rules only, so that new rules cannot change what these tests count.
    selected = "column-no-null,ban-drop-column"
    result = run_cli("check", "--format", output_format, "--select", selected, cwd=project)
    assert result.exit_code == 1, result.stderr
    return str(result.stdout)


def _finding(file: str, line: int, rule: str = "column-no-null", **changes: Any) -> Finding:
    values: dict[str, Any] = {
        "rule": rule,
        "level": Level.ERROR,
        "file": file,
        "line": line,
        "column": 3,
        "message": f"{rule} here",
        "risk": Risk.LOW,
    }
    values.update(changes)
    return Finding(**values)


def _result(*findings: Finding, clean: str | None = None) -> ReviewResult:
    paths = dict.fromkeys(finding.file for finding in findings)
    if clean:
        paths[clean] = None
    files = tuple(
        FileReview(path, "1", "ddl", 2, Risk.LOW, tuple(f for f in findings if f.file == path))
        for path in paths
    )
    return ReviewResult(files, findings, "default", "postgres")


# SARIF


def _sarif_validator(contracts: Path) -> jsonschema.Draft4Validator:
    schema = json.loads((contracts / "formats" / "sarif-2.1.0.schema.json").read_text())
    return jsonschema.Draft4Validator(schema)


def test_sarif_validates_and_carries_rule_docs(run_cli, project: Path, contracts: Path) -> None:
    log = json.loads(_check(run_cli, project, "sarif"))
    errors = sorted(_sarif_validator(contracts).iter_errors(log), key=str)
    assert not errors, errors[0]
    driver = log["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("dbops", __version__)
    assert driver["informationUri"].startswith("https://")
    rules = {rule["id"]: rule for rule in driver["rules"]}
    column_no_null = lookup_rule("column-no-null")
    assert column_no_null is not None
    described = rules["column-no-null"]
    assert described["shortDescription"]["text"] == column_no_null.summary()
    assert described["fullDescription"]["text"] == column_no_null.documentation()
    assert "## Why is this bad?" in described["fullDescription"]["text"]
    assert described["helpUri"].startswith("https://")
    results = log["runs"][0]["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("column-no-null", "error"),
        ("ban-drop-column", "warning"),
    ]
    location = results[0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "migrations/1_t.sql"
    assert location["region"]["startLine"] == 3
    assert location["region"]["startColumn"] >= 1
    assert driver["rules"][results[0]["ruleIndex"]]["id"] == "column-no-null"
    second = results[1]["locations"][0]["physicalLocation"]
    assert (second["artifactLocation"]["uri"], second["region"]["startLine"]) == (
        "migrations/2_drop.sql",
        2,
    )


def test_sarif_foreign_rule_and_odd_paths_stay_valid(contracts: Path) -> None:
    advice = _finding(
        "migrations/with space.sql",
        0,
        rule="bytebase-advice-201",
        source="bytebase",
        level=Level.WARNING,
    )
    absolute = _finding("/abs/path/1_x.sql", 4)
    log = json.loads(render_sarif(_result(advice, absolute)))
    assert not list(_sarif_validator(contracts).iter_errors(log))
    results = log["runs"][0]["results"]
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results]
    assert uris == ["migrations/with%20space.sql", "file:///abs/path/1_x.sql"]
    assert results[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 1
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert rules[results[0]["ruleIndex"]]["id"] == "bytebase-advice-201"


# JUnit


def test_junit_validates_one_suite_per_file(run_cli, project: Path, contracts: Path) -> None:
    text = _check(run_cli, project, "junit")
    xmlschema.XMLSchema(str(contracts / "formats" / "junit.xsd")).validate(text)
    root = parse_xml(text)
    assert root.tag == "testsuites"
    # column-no-null is an error (a failure); ban-drop-column a warning (a passing case).
    assert (root.get("tests"), root.get("failures")) == ("3", "1")
    suites = {suite.get("name"): suite for suite in root.findall("testsuite")}
    assert list(suites) == ["migrations/1_t.sql", "migrations/2_drop.sql", "migrations/3_clean.sql"]
    (warned,) = suites["migrations/2_drop.sql"].findall("testcase")
    assert warned.find("failure") is None and "ban-drop-column" in (
        warned.findtext("system-out") or ""
    )
    (failing,) = suites["migrations/1_t.sql"].findall("testcase")
    failure = failing.find("failure")
    assert failure is not None
    assert failure.get("type") == "column-no-null"
    assert "migrations/1_t.sql:3:" in (failure.text or "")
    assert "name" in (failure.get("message") or "")
    (passing,) = suites["migrations/3_clean.sql"].findall("testcase")
    assert passing.find("failure") is None
    assert suites["migrations/3_clean.sql"].get("failures") == "0"


def test_junit_clean_run_is_all_passing_and_control_chars_are_dropped(contracts: Path) -> None:
    schema = xmlschema.XMLSchema(str(contracts / "formats" / "junit.xsd"))
    clean = render_junit(_result(clean="migrations/1_a.sql"))
    schema.validate(clean)
    assert parse_xml(clean).find("testsuite/testcase/failure") is None
    odd = render_junit(_result(_finding("migrations/1_a.sql", 2, message="bad \x01 byte")))
    schema.validate(odd)
    assert "\x01" not in odd


def test_junit_warnings_and_infos_pass_with_what_was_found(contracts: Path) -> None:
    result = _result(
        _finding("migrations/1_a.sql", 2, level=Level.ERROR),
        _finding("migrations/1_a.sql", 4, rule="ban-drop-column", level=Level.WARNING),
        _finding("migrations/2_b.sql", 1, rule="not-reviewed", level=Level.INFO),
    )
    text = render_junit(result)
    xmlschema.XMLSchema(str(contracts / "formats" / "junit.xsd")).validate(text)
    root = parse_xml(text)
    assert (root.get("tests"), root.get("failures")) == ("3", "1")
    suites = {suite.get("name"): suite for suite in root.findall("testsuite")}
    assert suites["migrations/1_a.sql"].get("failures") == "1"
    assert suites["migrations/2_b.sql"].get("failures") == "0"
    failing, warned = suites["migrations/1_a.sql"].findall("testcase")
    assert failing.find("failure") is not None and failing.find("system-out") is None
    assert warned.find("failure") is None
    assert "warning [ban-drop-column] ban-drop-column here" in (warned.findtext("system-out") or "")
    (info,) = suites["migrations/2_b.sql"].findall("testcase")
    assert info.find("failure") is None
    assert "info [not-reviewed]" in (info.findtext("system-out") or "")


def test_junit_finding_outside_reviewed_files_is_reported(contracts: Path) -> None:
    result = ReviewResult(
        (FileReview("m/2_b.sql", "2", "ddl", 1, Risk.LOW, ()),),
        (_finding("m/1_a.sql", 1, rule="migration-checksum-changed"),),
        "default",
        "postgres",
    )
    text = render_junit(result)
    xmlschema.XMLSchema(str(contracts / "formats" / "junit.xsd")).validate(text)
    root = parse_xml(text)
    assert (root.get("tests"), root.get("failures")) == ("2", "1")
    assert root.find("testsuite/testcase/failure[@type='migration-checksum-changed']") is not None


# GitLab Code Quality


def test_codeclimate_every_issue_validates(run_cli, project: Path, contracts: Path) -> None:
    issues = json.loads(_check(run_cli, project, "codeclimate"))
    schema = json.loads(
        (contracts / "formats" / "gitlab-codequality-degradation.schema.json").read_text()
    )
    validator = jsonschema.Draft7Validator(schema)
    assert isinstance(issues, list) and len(issues) == 2
    for issue in issues:  # GitLab stops parsing at the first invalid element
        assert not list(validator.iter_errors(issue)), issue
        assert issue["check_name"] and issue["severity"] in GITLAB_SEVERITIES
        assert isinstance(issue["location"]["lines"]["begin"], int)
        assert not issue["location"]["path"].startswith("/")
    assert [
        (i["check_name"], i["severity"], i["location"]["path"], i["location"]["lines"]["begin"])
        for i in issues
    ] == [
        ("column-no-null", "major", "migrations/1_t.sql", 3),
        ("ban-drop-column", "minor", "migrations/2_drop.sql", 2),
    ]


def test_codeclimate_fingerprints_unique_and_stable_when_lines_move() -> None:
    twins = [_finding("m/1_a.sql", 3), _finding("m/1_a.sql", 9)]
    prints = [issue["fingerprint"] for issue in codeclimate_issues(_result(*twins))]
    assert len(set(prints)) == 2
    moved = [_finding("m/1_a.sql", 5), _finding("m/1_a.sql", 11)]
    assert [issue["fingerprint"] for issue in codeclimate_issues(_result(*moved))] == prints
    other_file = codeclimate_issues(_result(_finding("m/2_b.sql", 3)))
    assert other_file[0]["fingerprint"] not in prints
    assert json.loads(render_codeclimate(_result())) == []


@pytest.mark.parametrize("output_format", ["sarif", "junit", "codeclimate"])
def test_output_file_and_fail_on_exit_code(run_cli, project: Path, output_format: str) -> None:
    write_migrations(project, MIGRATIONS)
    target = project / "reports" / f"dbops.{output_format}"
    result = run_cli("check", "--format", output_format, "--output", str(target), cwd=project)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8").strip()
