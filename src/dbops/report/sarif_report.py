"""`--format sarif`: SARIF 2.1.0, for code scanning views (GitHub, Bitbucket SARIF pipes, IDEs).

Every registered rule is listed in `tool.driver.rules` with the documentation the rule carries
(its docstring is the single source, as ruff does it), so a viewer can explain a finding
without dbops at hand. Findings a server merged in (Bytebase advices) that name no dbops rule
get a bare rule entry of their own.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from dbops import __version__
from dbops.core.findings import Finding, Level
from dbops.core.review import ReviewResult, StatementImpact
from dbops.report.lock_text import StatementIndex, lock_properties
from dbops.rules.base import Rule
from dbops.rules.registry import RULES, lookup_rule

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SARIF_VERSION = "2.1.0"
INFORMATION_URI = "https://github.com/dbops/dbops"


def rule_help_uri(rule_name: str) -> str:
    return f"{INFORMATION_URI}/blob/main/rules/docs/{rule_name}.md"


def render_sarif(result: ReviewResult) -> str:
    return json.dumps(sarif_log(result), indent=2) + "\n"


def sarif_log(result: ReviewResult) -> dict[str, Any]:
    rules = [_rule_descriptor(rule) for rule in RULES]
    statements = StatementIndex(result)
    index = {descriptor["id"]: position for position, descriptor in enumerate(rules)}
    for finding in result.findings:
        if finding.rule not in index:
            index[finding.rule] = len(rules)
            rules.append(_foreign_rule_descriptor(finding))
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "dbops",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [
                    _result(finding, index[finding.rule], statements.at(finding.file, finding.line))
                    for finding in result.findings
                ],
                "properties": {"policy": result.policy, "dialect": result.dialect},
            }
        ],
    }


def _rule_descriptor(rule: type[Rule]) -> dict[str, Any]:
    documentation = rule.documentation()
    return {
        "id": rule.name,
        "name": rule.name,
        "shortDescription": {"text": rule.summary()},
        "fullDescription": {"text": documentation},
        "help": {"text": rule.summary(), "markdown": documentation},
        "helpUri": rule_help_uri(rule.name),
        "defaultConfiguration": {"level": _sarif_level(rule.default_level)},
        "properties": {
            "tags": [rule.category],
            **({"bytebaseType": rule.bytebase_type} if rule.bytebase_type else {}),
        },
    }


def _foreign_rule_descriptor(finding: Finding) -> dict[str, Any]:
    known = lookup_rule(finding.bytebase_type) if finding.bytebase_type else None
    if known is not None:
        return {**_rule_descriptor(known), "id": finding.rule, "name": finding.rule}
    return {
        "id": finding.rule,
        "name": finding.rule,
        "shortDescription": {"text": f"{finding.rule} (reported by {finding.source})"},
        "properties": {"tags": [finding.source]},
    }


def _result(finding: Finding, rule_index: int, statement: StatementImpact | None) -> dict[str, Any]:
    return {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": _sarif_level(finding.level),
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(finding.file)},
                    "region": {
                        "startLine": max(finding.line, 1),
                        "startColumn": max(finding.column, 1),
                        # SARIF's end column is the one after the region's last character
                        "endLine": max(finding.end[0], 1),
                        "endColumn": max(finding.end[1], 1) + 1,
                    },
                }
            }
        ],
        "properties": {
            "risk": finding.risk.value,
            "source": finding.source,
            **lock_properties(statement),
        },
    }


def _sarif_level(level: Level | None) -> str:
    if level is None:
        return "none"
    return {Level.ERROR: "error", Level.WARNING: "warning"}.get(level, "note")


def _uri(path: str) -> str:
    """Relative paths stay relative (to the repository root viewers resolve against); absolute
    ones become file URIs."""
    posix = PurePosixPath(path)
    return posix.as_uri() if posix.is_absolute() else quote(path, safe="/")
