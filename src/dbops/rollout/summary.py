"""Rendering a rollout's gates and per-target outcomes: rich tables for people, JSON for tools."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from rich.table import Table

from dbops.rollout.gates import GateResult
from dbops.rollout.steps import TargetOutcome


def gates_table(results: Sequence[GateResult]) -> Table:
    table = Table(title="Gates", title_justify="left")
    table.add_column("gate")
    table.add_column("result")
    table.add_column("detail")
    for result in results:
        table.add_row(result.gate, "passed" if result.passed else "FAILED", result.detail)
    return table


def summary_table(outcomes: Sequence[TargetOutcome], title: str) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("target")
    table.add_column("status")
    table.add_column("migrations", justify="right")
    table.add_column("statements", justify="right")
    table.add_column("rows affected", justify="right")
    table.add_column("time", justify="right")
    for outcome in outcomes:
        migrations = str(len(outcome.done))
        if outcome.status == "pending":
            migrations = f"{len(outcome.pending)} pending"
        table.add_row(
            outcome.target,
            outcome.status,
            migrations,
            str(outcome.statements),
            str(outcome.rows_affected),
            f"{outcome.seconds:.2f}s",
        )
    return table


def problems_lines(outcomes: Sequence[TargetOutcome]) -> list[str]:
    """One line per error and warning, prefixed with its target, for below the table."""
    lines = []
    for outcome in outcomes:
        for result in outcome.results:
            if not result.ok:
                lines.append(f"{outcome.target}: {result.file} failed: {result.error}")
        lines.extend(f"{outcome.target}: error: {error}" for error in outcome.errors)
        lines.extend(f"{outcome.target}: warning: {warning}" for warning in outcome.warnings)
    return lines


def outcome_document(outcome: TargetOutcome) -> dict[str, Any]:
    return {
        "target": outcome.target,
        "url": outcome.url,
        "status": outcome.status,
        "pending": list(outcome.pending),
        "applied": [
            {
                "version": result.version,
                "file": result.file,
                "statements": result.statements,
                "rows_affected": result.rows_affected,
                "seconds": round(result.seconds, 4),
            }
            for result in outcome.done
        ],
        "failed": [
            {
                "version": result.version,
                "file": result.file,
                "error": result.error,
                "statement": result.failed_statement,
            }
            for result in outcome.results
            if not result.ok
        ],
        "migrations": len(outcome.done),
        "statements": outcome.statements,
        "rows_affected": outcome.rows_affected,
        "seconds": round(outcome.seconds, 4),
        "errors": list(outcome.errors),
        "warnings": list(outcome.warnings),
        **(
            {"sql": [{"file": f, "sql": s} for f, s in outcome.dry_run_sql]}
            if outcome.dry_run_sql
            else {}
        ),
    }


def rollout_json(
    environment: str,
    release_id: str,
    gates: Sequence[GateResult],
    outcomes: Sequence[TargetOutcome],
    *,
    dry_run: bool,
    operation: str = "rollout",
) -> str:
    document = {
        "operation": operation,
        "environment": environment,
        "release": release_id,
        "dry_run": dry_run,
        "gates": [
            {"gate": gate.gate, "passed": gate.passed, "detail": gate.detail} for gate in gates
        ],
        "targets": [outcome_document(outcome) for outcome in outcomes],
        "ok": all(gate.passed for gate in gates) and not any(o.failed for o in outcomes),
    }
    return json.dumps(document, indent=2) + "\n"
