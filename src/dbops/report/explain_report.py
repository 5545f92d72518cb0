"""`dbops explain`: each file's lock timeline, for people (text) and machines (json)."""

from __future__ import annotations

import json
from typing import Any

from dbops.core.review import ReviewResult
from dbops.report.json_report import impact_to_dict
from dbops.report.lock_text import effects, timeline_of
from dbops.report.text_safety import printable


def render_explain_text(result: ReviewResult) -> str:
    target = result.target.label if result.target else result.dialect
    out: list[str] = []
    for file in result.files:
        wrapping = "one transaction" if file.in_transaction else "no transaction"
        out.append(f"{printable(file.path)} ({wrapping}; judged for {target})")
        for statement in file.impacts:
            out.append(f"  line {statement.line:>4}  {printable(statement.text)[:72]}")
            out.extend(f"             {part}" for part in effects(statement))
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
