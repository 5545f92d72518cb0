"""`dbops repair --env E --target T`: after a failed or interrupted migration was fixed by hand,
clear its history row (the next rollout runs it again) or, with `--applied`, record it as applied
(the fix completed it). The row stays in the table, with a note saying who repaired it.

Repair changes what the history says about an environment, so it passes the gates of a
rollout first (on the versions it repairs); nothing is touched when one fails."""

from __future__ import annotations

from dataclasses import dataclass

from dbops.adapters.config_file import Project
from dbops.commands.release import Runtime, resolve_release, resolve_targets
from dbops.commands.rollout_gates import ApprovalsSource, evaluate_gates
from dbops.core.migrations import MigrationSet
from dbops.errors import RolloutFailed
from dbops.rollout.gates import GateResult, gates_passed
from dbops.rollout.history import HistoryRow, Status, blocked_rows


@dataclass(frozen=True)
class RepairOutcome:
    target: str
    url: str
    repaired: tuple[HistoryRow, ...]
    marked: Status
    gates: tuple[GateResult, ...] = ()

    @property
    def exit_code(self) -> int:
        return 0 if gates_passed(self.gates) else 3


def run_repair(
    project: Project,
    environment_name: str,
    target_name: str,
    mark_applied: bool,
    runtime: Runtime,
    approvals_source: ApprovalsSource | None = None,
) -> RepairOutcome:
    environment = project.config.environment(environment_name)
    (target,) = resolve_targets(environment_name, environment, only=target_name)
    status = Status.APPLIED if mark_applied else Status.CLEARED
    release, migrations = resolve_release(project, runtime, None)
    database = target.open(project.root, runtime)
    try:
        blocked = {row.parsed_version.parts for row in blocked_rows(database.read_history())}
        repaired = MigrationSet.of(m for m in migrations if m.version.parts in blocked)
        commit = runtime.commit(project.root) or release.commit
        gates = tuple(
            evaluate_gates(project, environment_name, repaired, commit, runtime, approvals_source)
        )
        if not gates_passed(gates):
            return RepairOutcome(target.name, database.display_url, (), status, gates)
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
        return RepairOutcome(target.name, database.display_url, tuple(rows), status, gates)
    finally:
        database.close()
