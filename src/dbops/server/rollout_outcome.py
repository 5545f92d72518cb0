"""What a rollout through the server did: per task, and overall (the result `--format json`
and `--output` write)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dbops.rollout.gates import GateResult


@dataclass(frozen=True)
class TaskSummary:
    database: str
    stage: str
    status: str
    seconds: float | None = None
    detail: str = ""
    task: str = ""


@dataclass(frozen=True)
class ServerRolloutOutcome:
    exit_code: int
    status: str  # done | failed | canceled | waiting_for_approval | timeout | interrupted | dry_run
    environment: str
    release: str = ""
    plan: str = ""
    rollout: str = ""
    url: str = ""
    message: str = ""
    tasks: tuple[TaskSummary, ...] = field(default_factory=tuple)
    gates: tuple[GateResult, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "engine": "bytebase",
            "environment": self.environment,
            "status": self.status,
            "release": self.release,
            "plan": self.plan,
            "rollout": self.rollout,
            "url": self.url,
            "message": self.message,
            "tasks": [
                {
                    "database": task.database,
                    "stage": task.stage,
                    "status": task.status,
                    "seconds": task.seconds,
                    "detail": task.detail,
                    "task": task.task,
                }
                for task in self.tasks
            ],
        }
