"""Where a Bytebase rollout stands and what to do next (DESIGN §5, server engine). Pure."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from dbops.adapters.bytebase.models import (
    TASK_CANCELED,
    TASK_DONE,
    TASK_FAILED,
    TASK_NOT_STARTED,
    TASK_SKIPPED,
    Rollout,
    Stage,
    Task,
    TaskRun,
)

FINISHED = frozenset({TASK_DONE, TASK_SKIPPED})
TERMINAL = frozenset({TASK_DONE, TASK_SKIPPED, TASK_FAILED, TASK_CANCELED})


def stage_of(rollout: Rollout, environment: str) -> Stage | None:
    """The stage of a dbops environment: Bytebase names stages after its environments."""
    wanted = f"environments/{environment}"
    for stage in rollout.stages:
        if stage.environment == wanted or stage.id == environment:
            return stage
    return None


def stage_label(stage: Stage) -> str:
    return stage.environment.removeprefix("environments/") or stage.id


def unfinished_before(rollout: Rollout, stage: Stage) -> list[Stage]:
    """Earlier stages with a task that is neither done nor skipped: a promotion gate."""
    earlier: list[Stage] = []
    for candidate in rollout.stages:
        if candidate.name == stage.name:
            break
        if any(task.status not in FINISHED for task in candidate.tasks):
            earlier.append(candidate)
    return earlier


def describe_unfinished(stage: Stage) -> str:
    counts: dict[str, int] = {}
    for task in stage.tasks:
        if task.status not in FINISHED:
            counts[task.status] = counts.get(task.status, 0) + 1
    detail = ", ".join(f"{count} {status}" for status, count in sorted(counts.items()))
    return f"{stage_label(stage)} ({detail})"


def tasks_to_run(stage: Stage, requested: Iterable[str]) -> list[Task]:
    """Tasks not started yet that dbops has not already asked the server to run."""
    already = set(requested)
    return [t for t in stage.tasks if t.status == TASK_NOT_STARTED and t.name not in already]


def stage_finished(stage: Stage) -> bool:
    return all(task.status in TERMINAL for task in stage.tasks)


def stage_result(stage: Stage) -> str:
    """`done`, `failed` or `canceled` for a finished stage (failed wins over canceled)."""
    statuses = {task.status for task in stage.tasks}
    if TASK_FAILED in statuses:
        return "failed"
    if TASK_CANCELED in statuses:
        return "canceled"
    return "done"


def poll_delays(interval: float, factor: float = 1.5, ceiling: float = 10.0) -> Iterator[float]:
    """`interval`, then growing by `factor` up to `ceiling` times the interval (max 60s)."""
    cap = min(interval * ceiling, max(interval, 60.0))
    delay = interval
    while True:
        yield delay
        delay = min(cap, delay * factor)


@dataclass(frozen=True)
class TaskTiming:
    seconds: float | None
    detail: str  # the latest run's detail: the server's error message for a failed run


def latest_runs(task_runs: Iterable[TaskRun]) -> dict[str, TaskRun]:
    """The most recent run of each task (by creation time, then by name)."""
    latest: dict[str, TaskRun] = {}
    for run in task_runs:
        current = latest.get(run.task_name)
        if current is None or (run.create_time, run.name) > (current.create_time, current.name):
            latest[run.task_name] = run
    return latest


def timing_of(run: TaskRun | None) -> TaskTiming:
    if run is None:
        return TaskTiming(None, "")
    start, end = _timestamp(run.start_time), _timestamp(run.update_time)
    seconds = (end - start).total_seconds() if start and end else None
    return TaskTiming(seconds if seconds is None or seconds >= 0 else None, run.detail)


def _timestamp(text: str) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
