"""`dbops plan --env E` and `dbops status --env E`: each target's history read (never written),
the plan computed from it: pending versions, drift, failed or interrupted migrations."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dbops.adapters.config_file import Project
from dbops.commands.release import ResolvedTarget, Runtime, resolve_release, resolve_targets
from dbops.commands.rollout import run_parallel
from dbops.errors import ConfigError, DbopsError
from dbops.rollout.history import HistoryRow, blocked_rows
from dbops.rollout.plan import TargetPlan, plan_target
from dbops.rollout.release import Release


@dataclass(frozen=True)
class TargetInspection:
    target: str
    url: str
    history: tuple[HistoryRow, ...] = ()
    plan: TargetPlan | None = None
    error: str | None = None  # the target could not be read
    config_error: bool = False  # because its configuration is wrong: exit 2

    @property
    def failed(self) -> bool:
        return self.error is not None or (self.plan is not None and bool(self.plan.errors))


@dataclass(frozen=True)
class Inspection:
    environment: str
    release: Release
    targets: tuple[TargetInspection, ...]

    @property
    def exit_code(self) -> int:
        """1 when a target has drift errors, failed migrations, or cannot be read; 2 when its
        configuration is wrong."""
        if any(target.config_error for target in self.targets):
            return 2
        return 1 if any(target.failed for target in self.targets) else 0


def inspect_environment(
    project: Project, environment_name: str, manifest: Path | None, runtime: Runtime
) -> Inspection:
    environment = project.config.environment(environment_name)
    targets = resolve_targets(environment_name, environment)
    release, migrations = resolve_release(project, runtime, manifest)

    def inspect(target: ResolvedTarget) -> TargetInspection:
        try:
            database = target.open(project.root, runtime, read_only=True)
        except DbopsError as exc:
            wrong = isinstance(exc, ConfigError)
            return TargetInspection(target.name, target.key, error=exc.message, config_error=wrong)
        try:
            history = database.read_history()
            holder = database.lock_holder() if blocked_rows(history) else None
        except DbopsError as exc:
            return TargetInspection(target.name, database.display_url, error=exc.message)
        finally:
            database.close()
        plan = plan_target(migrations, history, environment.drift, holder)
        return TargetInspection(target.name, database.display_url, tuple(history), plan)

    inspections = run_parallel(inspect, targets, environment.concurrency)
    return Inspection(environment_name, release, tuple(inspections))
