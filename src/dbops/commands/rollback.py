"""`dbops rollback --env E --to V`: run the `.down.sql` of every applied version newer than V,
newest first, each recorded in the history as a `rollback` row.

Every target's list is checked before anything runs: a version without a down file, or one
that is not in the migrations folder any more, refuses the whole rollback.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dbops.adapters.config_file import Project
from dbops.adapters.databases.base import TargetDatabase
from dbops.commands.release import ResolvedTarget, Runtime, resolve_release, resolve_targets
from dbops.commands.rollout import (
    Progress,
    SilentProgress,
    locked_on_target,
    review_before_rollout,
    run_parallel,
)
from dbops.commands.rollout_gates import ApprovalsSource, evaluate_gates
from dbops.core.migrations import (
    LayoutFacts,
    MigrationFile,
    MigrationSet,
    is_repeatable,
    read_migration,
)
from dbops.core.versions import Version, version_from_text
from dbops.errors import InputError, UsageError
from dbops.rollout.gates import GateResult, gates_passed
from dbops.rollout.history import HistoryRow, applied_versions, blocked_rows
from dbops.rollout.steps import TargetOutcome, rollback_step


@dataclass(frozen=True)
class RollbackOutcome:
    environment: str
    to_version: str
    targets: tuple[TargetOutcome, ...]
    gates: tuple[GateResult, ...] = ()

    @property
    def exit_code(self) -> int:
        if not gates_passed(self.gates):
            return 3
        return 1 if any(target.failed for target in self.targets) else 0


def versions_to_roll_back(
    history: Sequence[HistoryRow], to_version: Version, migrations: MigrationSet
) -> tuple[list[MigrationFile], list[str]]:
    """(migrations to roll back newest first, problems that forbid it)."""
    files = {migration.version.parts: migration for migration in migrations}
    chosen: list[MigrationFile] = []
    problems: list[str] = []
    for parts, row in sorted(applied_versions(history).items(), reverse=True):
        if is_repeatable(parts):
            continue  # a repeatable migration has no undo: it stays as its latest run left it
        if parts <= to_version.parts:
            break
        migration = files.get(parts)
        if migration is None:
            problems.append(f"version {row.version} ({row.file}) is not in the migrations folder")
        elif migration.down_text is None:
            problems.append(f"{migration.path} has no rollback ({migration.rollback_where})")
        else:
            chosen.append(migration)
    return chosen, problems


def run_rollback(
    project: Project,
    environment_name: str,
    to_text: str,
    runtime: Runtime,
    progress: Progress | None = None,
    dry_run: bool = False,
    approvals_source: ApprovalsSource | None = None,
) -> RollbackOutcome:
    """Down files checked on every target, reviewed with the environment's policy, the gates
    passed: only then does anything run."""
    try:
        to_version = version_from_text(to_text)
    except ValueError as exc:
        raise UsageError(f"--to: {exc}.") from None
    environment = project.config.environment(environment_name)
    targets = resolve_targets(environment_name, environment)
    release, migrations = resolve_release(project, runtime, None)
    _refuse_unknown_version(to_version, migrations)
    chosen = _refuse_missing_down_files(project, targets, to_version, migrations, runtime)
    down_files = MigrationSet.of(down_migration(migration) for migration in chosen)
    if down_files.files:
        review_before_rollout(project, environment_name, environment, down_files, runtime)
    commit = runtime.commit(project.root) or release.commit
    gates = tuple(
        evaluate_gates(
            project,
            environment_name,
            down_files,
            commit,
            runtime,
            approvals_source,
            rolled_back_to=to_version,
        )
    )
    if not gates_passed(gates):
        return RollbackOutcome(environment_name, to_version.text, (), gates)
    worker = _TargetRollback(to_version, migrations, release.id, runtime, progress, dry_run)

    def roll_back(target: ResolvedTarget) -> TargetOutcome:
        outcome = locked_on_target(
            project, runtime, target, environment.lock_timeout, worker.roll_back, read_only=dry_run
        )
        worker.progress.target_finished(outcome)
        return outcome

    outcomes = run_parallel(roll_back, targets, environment.concurrency)
    return RollbackOutcome(environment_name, to_version.text, tuple(outcomes), gates)


def down_migration(migration: MigrationFile) -> MigrationFile:
    """`migration`'s rollback as a migration of its own, for the review: its path, its text,
    its own `-- dbops:ignore` directives."""
    facts = LayoutFacts(
        version=migration.version,
        description=migration.description,
        no_transaction=migration.down_no_transaction,
    )
    path = migration.down_path or migration.rollback_where
    return read_migration(
        path, path.rsplit("/", 1)[-1], (migration.down_text or "").encode(), facts=facts
    )


class _TargetRollback:
    def __init__(
        self,
        to_version: Version,
        migrations: MigrationSet,
        release_id: str,
        runtime: Runtime,
        progress: Progress | None,
        dry_run: bool,
    ) -> None:
        self.to_version = to_version
        self.migrations = migrations
        self.release_id = release_id
        self.applied_by = runtime.applied_by()
        self.progress = progress or SilentProgress()
        self.dry_run = dry_run

    def roll_back(self, database: TargetDatabase, outcome: TargetOutcome) -> None:
        history = database.read_history()
        stuck = blocked_rows(history)
        if stuck:
            row = stuck[0]
            outcome.errors.append(
                f"version {row.version} is {row.status}; run `dbops repair` first"
            )
            return
        chosen, problems = versions_to_roll_back(history, self.to_version, self.migrations)
        outcome.errors.extend(problems)
        outcome.pending = tuple(migration.version.text for migration in chosen)
        if problems:
            return
        if self.dry_run:
            outcome.dry_run_sql = [(m.down_path or m.name, m.down_text or "") for m in chosen]
            return
        database.ensure_history()  # an older table's status column gains room for `rolled back`
        steps = [rollback_step(migration, self.release_id) for migration in chosen]
        refusals = [refused for step in steps if (refused := database.refusal(step))]
        if refusals:  # checked for every file first: nothing of the rollback runs
            outcome.errors.extend(refusals)
            return
        self.progress.target_started(outcome.target, len(chosen))
        for step in steps:
            self.progress.step_started(outcome.target, step)
            result = database.apply(step, self.applied_by)
            outcome.results.append(result)
            self.progress.step_finished(outcome.target, result)
            if not result.ok:
                return


def _refuse_unknown_version(to_version: Version, migrations: MigrationSet) -> None:
    """`--to` must name a migration (or be 0: everything): a typo such as `--to 20250514`
    for `202505141650` would otherwise roll back far more than meant."""
    known = [migration.version for migration in migrations]
    if not any(to_version.parts) or any(v.parts == to_version.parts for v in known):
        return
    shown = ", ".join(v.text for v in known[-5:]) or "none"
    raise UsageError(
        f"--to {to_version}: no migration has this version, nothing was run. Give the version "
        f"of the migration to keep (the latest: {shown}), or --to 0 to roll back every version."
    )


def _refuse_missing_down_files(
    project: Project,
    targets: Sequence[ResolvedTarget],
    to_version: Version,
    migrations: MigrationSet,
    runtime: Runtime,
) -> list[MigrationFile]:
    """The migrations some target would roll back; refuses when one cannot be."""
    problems: list[str] = []
    chosen: dict[tuple[int, ...], MigrationFile] = {}
    for target in targets:
        database = target.open(project.root, runtime, read_only=True)
        try:
            found, missing = versions_to_roll_back(database.read_history(), to_version, migrations)
        finally:
            database.close()
        chosen.update((migration.version.parts, migration) for migration in found)
        problems.extend(f"{target.name}: {problem}" for problem in missing)
    if problems:
        raise InputError(
            f"cannot roll back to version {to_version}, nothing was run: "
            f"{'; '.join(sorted(set(problems)))}. Add the missing rollbacks, or roll back "
            f"to a later version."
        )
    return [chosen[parts] for parts in sorted(chosen)]
