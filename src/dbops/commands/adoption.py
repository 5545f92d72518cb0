"""`dbops baseline` and `dbops import-history`: adopt a database whose migrations ran before
dbops, by writing dbops' history without running anything. Both pass rollout's gates
(requires, approvals, the Pipelines deployment), lock each target, and refuse a target that
already has dbops history unless `--force` (then only versions it lacks are recorded)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from dbops.adapters.config_file import Project
from dbops.adapters.databases.base import TargetDatabase
from dbops.commands.release import ResolvedTarget, Runtime, resolve_release, resolve_targets
from dbops.commands.rollout import locked_on_target, run_parallel
from dbops.commands.rollout_gates import ApprovalsSource, evaluate_gates
from dbops.core.migrations import MigrationFile, MigrationSet
from dbops.core.versions import version_from_text
from dbops.rollout.gates import GateResult, gates_passed
from dbops.rollout.history import Operation, Status, applied_versions
from dbops.rollout.steps import Recorded, Step, TargetOutcome

# What to record on one open, locked target (it may raise a DbopsError: reported on it).
Chooser = Callable[[TargetDatabase, MigrationSet], Sequence[Recorded]]


@dataclass(frozen=True)
class AdoptionOutcome:
    environment: str
    gates: tuple[GateResult, ...]
    targets: tuple[TargetOutcome, ...] = ()
    recorded: dict[str, tuple[str, ...]] = field(default_factory=dict)  # target -> versions

    @property
    def exit_code(self) -> int:
        if not gates_passed(self.gates):
            return 3
        return 2 if any(target.failed for target in self.targets) else 0


def recorded_step(migration: MigrationFile, checksum: str, release: str) -> Step:
    return Step(
        version=migration.version.text,
        description=migration.description,
        file=migration.name,
        checksum=checksum,
        change_type=migration.change_type,
        release=release,
        operation=Operation.MIGRATE,
        sql="",
    )


def adopt(
    project: Project,
    environment_name: str,
    runtime: Runtime,
    choose: Chooser,
    status: Status,
    force: bool,
    gated: Callable[[MigrationSet], MigrationSet] = lambda migrations: migrations,
    approvals_source: ApprovalsSource | None = None,
) -> AdoptionOutcome:
    """Gates first (on the migrations `gated` keeps), then each target in turn."""
    environment = project.config.environment(environment_name)
    targets = resolve_targets(environment_name, environment)
    release, migrations = resolve_release(project, runtime, None)
    commit = runtime.commit(project.root) or release.commit
    gates = tuple(
        evaluate_gates(
            project, environment_name, gated(migrations), commit, runtime, approvals_source
        )
    )
    if not gates_passed(gates):
        return AdoptionOutcome(environment_name, gates)
    recorded: dict[str, tuple[str, ...]] = {}

    def body(database: TargetDatabase, outcome: TargetOutcome) -> None:
        history = database.read_history()
        if history and not force:
            outcome.errors.append(
                f"it already has dbops history ({len(history)} row(s) in dbops_schema_history); "
                f"nothing was recorded. Use --force to add the versions it lacks."
            )
            return
        applied = applied_versions(history)
        entries = [
            entry
            for entry in choose(database, migrations)
            if version_from_text(entry.step.version).parts not in applied
        ]
        database.ensure_history()
        database.record(entries, status)
        recorded[outcome.target] = tuple(entry.step.version for entry in entries)

    def run(target: ResolvedTarget) -> TargetOutcome:
        return locked_on_target(project, runtime, target, environment.lock_timeout, body)

    outcomes = run_parallel(run, targets, environment.concurrency)
    return AdoptionOutcome(environment_name, gates, tuple(outcomes), recorded)
