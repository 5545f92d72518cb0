"""`dbops repair --env E --target T`: after a failed or interrupted migration was fixed by hand,
clear its history row (the next rollout runs it again) or, with `--applied`, record it as applied
(the fix completed it). The row stays in the table, with a note saying who repaired it."""

from __future__ import annotations

from dataclasses import dataclass

from dbops.adapters.config_file import Project
from dbops.commands.release import Runtime, resolve_targets
from dbops.errors import RolloutFailed
from dbops.rollout.history import HistoryRow, Status, blocked_rows


@dataclass(frozen=True)
class RepairOutcome:
    target: str
    url: str
    repaired: tuple[HistoryRow, ...]
    marked: Status


def run_repair(
    project: Project, environment_name: str, target_name: str, mark_applied: bool, runtime: Runtime
) -> RepairOutcome:
    environment = project.config.environment(environment_name)
    (target,) = resolve_targets(environment_name, environment, only=target_name)
    status = Status.APPLIED if mark_applied else Status.CLEARED
    database = target.open(project.root, runtime)
    try:
        holder = database.lock_holder()
        if holder is not None:  # its `running` row is a migration running now, not a failure
            raise RolloutFailed(
                f"{target.name} ({database.display_url}): a rollout holds the lock now "
                f"({holder}); repair refuses while it runs. Wait for it to finish, then run "
                f"`dbops status`."
            )
        database.lock(environment.lock_timeout)
        try:
            rows = blocked_rows(database.read_history())
            moment = runtime.clock().isoformat(timespec="seconds")
            note = f"{status.value} by dbops repair, {runtime.applied_by()}, {moment}"
            database.clear_rows(rows, status, note)
        finally:
            database.unlock()
        return RepairOutcome(target.name, database.display_url, tuple(rows), status)
    finally:
        database.close()
