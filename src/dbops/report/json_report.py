"""`--format json` (DESIGN §2): one object with findings, files and a summary."""

from __future__ import annotations

import json
from typing import Any

from dbops.core.findings import Finding
from dbops.core.review import ReviewResult, StatementImpact
from dbops.core.shadow import ShadowStatement


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    data: dict[str, Any] = {
        "rule": finding.rule,
        "level": finding.level.value,
        "file": finding.file,
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end[0],
        "end_column": finding.end[1],
        "message": finding.message,
        "risk": finding.risk.value,
        "source": finding.source,
    }
    if finding.bytebase_type:
        data["bytebase_type"] = finding.bytebase_type
    data["help"] = finding.help
    if finding.fix is not None:
        data["fix"] = {
            "description": finding.fix.description,
            "edits": [
                {
                    "line": edit.line,
                    "column": edit.column,
                    "end_line": edit.end_line,
                    "end_column": edit.end_column,
                    "replacement": edit.replacement,
                }
                for edit in finding.fix.edits
            ],
        }
    return data


def impact_to_dict(statement: StatementImpact) -> dict[str, Any]:
    impact = statement.impact
    data: dict[str, Any] = {
        "file": statement.file,
        "line": statement.line,
        "kind": statement.kind,
        "locks": [
            {"object": lock.relation, "mode": lock.mode.label, "blocks": list(lock.blocks)}
            for lock in impact.locks
        ],
        "rewrites": list(impact.rewrites),
        "scans": list(impact.scans),
    }
    if impact.algorithm is not None:
        data["algorithm"] = impact.algorithm
        data["lock"] = impact.lock_clause
    if statement.shadow is not None:
        data["shadow_ms"] = statement.shadow.ms
        data["shadow"] = shadow_to_dict(statement.shadow)
    return data


def shadow_to_dict(shadow: ShadowStatement) -> dict[str, Any]:
    """What the shadow run saw the server do (`check --shadow`), beside the model's verdict."""
    data: dict[str, Any] = {"error": shadow.error}
    if shadow.locks is not None:
        before = {lock.relation: lock.mode for lock in shadow.locks.held_before}
        data["locks"] = [
            {"object": lock.relation, "mode": lock.mode.label}
            for lock in shadow.locks.held_after
            if before.get(lock.relation) != lock.mode
        ]
        data["rewrites"] = list(shadow.locks.rewrites)
    if shadow.algorithm is not None:
        data["algorithm"] = shadow.algorithm.algorithm
        data["algorithm_accepted"] = shadow.algorithm.accepted
        data["algorithm_used"] = shadow.algorithm.used
        if shadow.algorithm.server_message:
            data["server_message"] = shadow.algorithm.server_message
    return data


def review_to_dict(result: ReviewResult) -> dict[str, Any]:
    return {
        "findings": [finding_to_dict(finding) for finding in result.findings],
        "files": [
            {
                "file": file.path,
                "version": file.version,
                "change_type": file.change_type,
                "statements": file.statements,
                "risk": file.risk.value,
                "errors": sum(1 for f in file.findings if f.level == "error"),
                "warnings": sum(1 for f in file.findings if f.level == "warning"),
            }
            for file in result.files
        ],
        "statements": [impact_to_dict(statement) for statement in result.impacts],
        "summary": {
            "errors": result.errors,
            "warnings": result.warnings,
            "files": len(result.files),
            "statements": result.statements,
            "policy": result.policy,
            "dialect": result.dialect,
            "target": _target(result),
        },
    }


def _target(result: ReviewResult) -> dict[str, Any] | None:
    """The server the review judged locks for; `stated` false: dbops' default, the newest."""
    if result.target is None:
        return None
    version = ".".join(str(part) for part in result.target.version)
    return {"engine": result.target.engine, "version": version, "stated": result.target.stated}


def render_json(result: ReviewResult) -> str:
    return json.dumps(review_to_dict(result), indent=2) + "\n"
