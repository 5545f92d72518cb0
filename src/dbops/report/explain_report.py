"""`dbops explain`: each file's lock timeline, for people (text) and machines (json)."""

from __future__ import annotations

import json
from typing import Any

from dbops.core.locks.timeline import HeldLock, StatementLocks, held_locks
from dbops.core.review import FileReview, ReviewResult, StatementImpact
from dbops.report.json_report import impact_to_dict
from dbops.report.text_safety import printable


def timeline_of(file: FileReview) -> list[HeldLock]:
    return held_locks([_statement_locks(s) for s in file.impacts], file.in_transaction)


def _statement_locks(statement: StatementImpact) -> StatementLocks:
    impact = statement.impact
    return StatementLocks(
        statement.line,
        statement.kind,
        tuple((lock.relation, lock.mode) for lock in impact.locks),
        impact.rewrites,
        impact.scans,
    )


def render_explain_text(result: ReviewResult) -> str:
    target = result.target.label if result.target else result.dialect
    out: list[str] = []
    for file in result.files:
        wrapping = "one transaction" if file.in_transaction else "no transaction"
        out.append(f"{printable(file.path)} ({wrapping}; judged for {target})")
        for statement in file.impacts:
            out.append(f"  line {statement.line:>4}  {printable(statement.text)[:72]}")
            out.extend(f"             {part}" for part in _effects(statement))
        held = timeline_of(file)
        if held and file.in_transaction:
            out.append("  held until COMMIT:")
        elif held:
            out.append("  each lock ends with its statement:")
        out.extend(f"    {printable(lock.describe())}" for lock in held)
        if not held:
            out.append("  takes no lock on an existing table")
        out.append("")
    return "\n".join(out)


def _effects(statement: StatementImpact) -> list[str]:
    impact = statement.impact
    parts = [
        f"{lock.mode.label} on {lock.relation} (blocks {', '.join(lock.blocks) or 'only DDL'})"
        for lock in impact.locks
    ]
    parts.extend(f"rewrites {relation}" for relation in impact.rewrites)
    parts.extend(f"scans {relation}" for relation in impact.scans)
    if impact.algorithm:
        parts.append(f"ALGORITHM={impact.algorithm}, LOCK={impact.lock_clause}")
    parts.extend(impact.notes)
    return parts


def render_explain_json(result: ReviewResult) -> str:
    files: list[dict[str, Any]] = []
    for file in result.files:
        files.append(
            {
                "file": file.path,
                "in_transaction": file.in_transaction,
                "statements": [impact_to_dict(statement) for statement in file.impacts],
                "held": [
                    {
                        "object": lock.relation,
                        "mode": lock.mode.label,
                        "blocks": list(lock.blocks),
                        "from_line": lock.from_line,
                        "until_line": lock.until_line,
                        "while_held": list(lock.while_held),
                    }
                    for lock in timeline_of(file)
                ],
            }
        )
    target = result.target.label if result.target else None
    return json.dumps({"target": target, "files": files}, indent=2) + "\n"
