"""Progress of a rollout on stderr: rich bars on a terminal, plain lines in CI and in logs."""

from __future__ import annotations

import threading
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from dbops.rollout.steps import Step, StepResult, TargetOutcome


class PlainProgress:
    """One line per event, safe from several worker threads."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self._lock = threading.Lock()

    def _say(self, text: str) -> None:
        with self._lock:
            self.console.print(text, markup=False, highlight=False)

    def target_started(self, target: str, pending: int) -> None:
        self._say(f"[{target}] {pending} migration(s) to run")

    def step_started(self, target: str, step: Step) -> None:
        self._say(f"[{target}] {step.operation.value} {step.version} ({step.file}) ...")

    def step_finished(self, target: str, result: StepResult) -> None:
        if result.ok:
            self._say(
                f"[{target}] done {result.version} in {result.seconds:.2f}s "
                f"({result.statements} statements, {result.rows_affected} rows)"
            )
        else:
            self._say(f"[{target}] FAILED {result.version}: {result.error}")

    def target_finished(self, outcome: TargetOutcome) -> None:
        self._say(f"[{outcome.target}] {outcome.status} in {outcome.seconds:.2f}s")


class RichProgress:
    """A bar per target; use as a context manager around the rollout."""

    def __init__(self, console: Console) -> None:
        self._progress = Progress(
            TextColumn("{task.fields[target]}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.description}"),
            console=console,
            transient=False,
        )
        self._tasks: dict[str, TaskID] = {}
        self._lock = threading.Lock()

    def __enter__(self) -> RichProgress:
        self._progress.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._progress.stop()

    def _task(self, target: str) -> TaskID:
        with self._lock:
            if target not in self._tasks:
                self._tasks[target] = self._progress.add_task("", total=None, target=target)
            return self._tasks[target]

    def target_started(self, target: str, pending: int) -> None:
        self._progress.update(self._task(target), total=pending)

    def step_started(self, target: str, step: Step) -> None:
        self._progress.update(self._task(target), description=step.file)

    def step_finished(self, target: str, result: StepResult) -> None:
        if result.ok:
            self._progress.advance(self._task(target))
        else:
            self._progress.update(self._task(target), description=f"FAILED {result.file}")

    def target_finished(self, outcome: TargetOutcome) -> None:
        task = self._task(outcome.target)
        self._progress.update(task, description=outcome.status, total=max(len(outcome.done), 1))
        if not outcome.failed:
            self._progress.update(task, completed=max(len(outcome.done), 1))
