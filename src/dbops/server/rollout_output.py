"""What a rollout on a Bytebase server prints: the summary table, or one JSON document in the
embedded engine's shape (operation, environment, release, dry_run, gates, targets, ok), with
the server's own facts beside it (engine, status, plan, rollout, url, message, tasks), on
stdout or to `--output`."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from dbops.errors import UsageError

if TYPE_CHECKING:
    from dbops.server.rollout_outcome import ServerRolloutOutcome, TaskSummary

_FAILED = frozenset({"FAILED", "CANCELED", "canceled", "failed"})


def server_rollout_document(outcome: ServerRolloutOutcome) -> dict[str, Any]:
    targets = [_target_document(task) for task in outcome.tasks]
    return {
        "operation": "rollout",
        "environment": outcome.environment,
        "release": outcome.release,
        "dry_run": outcome.status == "dry_run",
        "gates": [
            {"gate": gate.gate, "passed": gate.passed, "detail": gate.detail}
            for gate in outcome.gates
        ],
        "targets": targets,
        "ok": outcome.exit_code == 0,
        **outcome.to_dict(),
    }


def _target_document(task: TaskSummary) -> dict[str, Any]:
    failed = task.status in _FAILED
    return {
        "target": task.database,
        "url": "",
        "stage": task.stage,
        "status": task.status.lower(),
        "seconds": task.seconds,
        "errors": [task.detail] if failed and task.detail else [],
        "warnings": [],
    }


def print_outcome(
    outcome: ServerRolloutOutcome, output_format: str, console: Console, output: Path | None
) -> None:
    if output_format == "json":
        _write(json.dumps(server_rollout_document(outcome), indent=2) + "\n", output)
        return
    if outcome.tasks:
        table = Table(title=f"Bytebase rollout: {outcome.environment}", title_justify="left")
        for column in ("database", "stage", "status", "time", "detail"):
            table.add_column(column)
        for task in outcome.tasks:
            seconds = "" if task.seconds is None else f"{task.seconds:.1f}s"
            table.add_row(
                escape(task.database),
                escape(task.stage),
                escape(task.status),
                seconds,
                escape(task.detail),
            )
        console.print(table)
    if outcome.message:
        console.print(escape(outcome.message))
    if outcome.url:
        console.print(f"rollout: {escape(outcome.url)}")


def _write(text: str, output: Path | None) -> None:
    """Machine output to `output` or stdout, as the embedded engine's `--output`."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        reason = os.strerror(exc.errno) if exc.errno else str(exc)
        raise UsageError(f"--output {output}: cannot write it ({reason}).") from None
