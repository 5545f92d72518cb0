"""Plan and status reports: rich tables for people, JSON for tools."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console
from rich.table import Table

from dbops.commands.plan import Inspection, TargetInspection
from dbops.rollout.history import HistoryRow


def inspection_json(inspection: Inspection, *, with_history: bool) -> str:
    document = {
        "environment": inspection.environment,
        "release": inspection.release.id,
        "targets": [_target(item, with_history) for item in inspection.targets],
        "ok": inspection.exit_code == 0,
    }
    return json.dumps(document, indent=2) + "\n"


def _target(item: TargetInspection, with_history: bool) -> dict[str, Any]:
    document: dict[str, Any] = {"target": item.target, "url": item.url, "error": item.error}
    plan = item.plan
    if plan is not None:
        document.update(
            applied=plan.applied_count,
            pending=[{"version": m.version.text, "file": m.path} for m in plan.pending],
            drift=[
                {"kind": d.kind.value, "version": d.version, "message": d.message, "error": d.error}
                for d in plan.drift
            ],
            failed=[_row(row) for row in plan.blocked],
            errors=list(plan.errors),
        )
    if with_history:
        document["history"] = [_row(row) for row in item.history]
    return document


def _row(row: HistoryRow) -> dict[str, Any]:
    return {
        "rank": row.rank,
        "version": row.version,
        "description": row.description,
        "file": row.file,
        "checksum": row.checksum,
        "type": row.change_type,
        "release": row.release,
        "operation": row.operation.value,
        "status": row.status.value,
        "started_at": row.started_at,
        "finished_at": row.finished_at,
        "duration_ms": row.duration_ms,
        "applied_by": row.applied_by,
        "error": row.error,
    }


def print_plan(inspection: Inspection, console: Console) -> None:
    table = Table(
        title=f"Plan for {inspection.environment} (release {inspection.release.id})",
        title_justify="left",
    )
    for column in ("target", "applied", "pending", "problems"):
        table.add_column(column)
    for item in inspection.targets:
        plan = item.plan
        if plan is None:
            table.add_row(item.target, "?", "?", f"cannot read: {item.error}")
            continue
        pending = ", ".join(m.version.text for m in plan.pending[:8])
        if len(plan.pending) > 8:
            pending += f" … ({len(plan.pending)} in all)"
        problems = [f"error: {text}" for text in plan.errors]
        problems += [f"warning: {text}" for text in plan.warnings]
        table.add_row(item.target, str(plan.applied_count), pending or "-", "\n".join(problems))
    console.print(table)


def print_status(inspection: Inspection, console: Console) -> None:
    for item in inspection.targets:
        console.print(f"{item.target} ({item.url})", markup=False)
        if item.error is not None:
            console.print(f"  cannot read: {item.error}", markup=False)
            continue
        table = Table(show_edge=False)
        for column in ("version", "operation", "status", "finished", "ms", "by", "file"):
            table.add_column(column)
        for row in item.history:
            table.add_row(
                row.version,
                row.operation.value,
                row.status.value,
                row.finished_at or "",
                str(row.duration_ms if row.duration_ms is not None else ""),
                row.applied_by,
                row.file,
            )
        if item.history:
            console.print(table)
        else:
            console.print("  no history yet")
        plan = item.plan
        if plan is not None:
            pending = ", ".join(m.version.text for m in plan.pending) or "none"
            console.print(f"  pending: {pending}", markup=False)
            for text in plan.errors:
                console.print(f"  error: {text}", markup=False)
            for text in plan.warnings:
                console.print(f"  warning: {text}", markup=False)
