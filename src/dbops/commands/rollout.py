"""`dbops rollout --env E` with the embedded engine: review, gates, then each target's plan.
Targets run in parallel up to `concurrency`; each holds its database's lock for its whole
rollout, reads its history under that lock, and stops at its first failure."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol, TypeVar

from dbops.adapters.config_file import Project
from dbops.adapters.databases.base import TargetDatabase
from dbops.adapters.databases.urls import mask_secrets
from dbops.commands.release import ResolvedTarget, Runtime, resolve_release, resolve_targets
from dbops.commands.rollout_gates import ApprovalsSource, evaluate_gates
from dbops.config import Environment
from dbops.core.migrations import MigrationSet
from dbops.core.versions import version_from_text
from dbops.errors import ConfigError, DbopsError, RolloutFailed
from dbops.rollout.gates import GateResult, gates_passed
from dbops.rollout.history import Operation, Status, applied_versions, blocked_rows
from dbops.rollout.plan import plan_target
from dbops.rollout.release import Release
from dbops.rollout.steps import Step, StepResult, TargetOutcome, migrate_step

Result = TypeVar("Result")


class Progress(Protocol):
    """Where a rollout reports as it goes (rich bars on a terminal, plain lines in CI)."""

    def target_started(self, target: str, pending: int) -> None: ...
    def step_started(self, target: str, step: Step) -> None: ...
    def step_finished(self, target: str, result: StepResult) -> None: ...
    def target_finished(self, outcome: TargetOutcome) -> None: ...


class SilentProgress:
    def target_started(self, target: str, pending: int) -> None:
        pass

    def step_started(self, target: str, step: Step) -> None:
        pass

    def step_finished(self, target: str, result: StepResult) -> None:
        pass

    def target_finished(self, outcome: TargetOutcome) -> None:
        pass


@dataclass(frozen=True)
class RolloutRequest:
    environment: str
    release_manifest: Path | None = None
    dry_run: bool = False


@dataclass(frozen=True)
class RolloutOutcome:
    environment: str
    release: Release
    gates: tuple[GateResult, ...]
    targets: tuple[TargetOutcome, ...]

    @property
    def exit_code(self) -> int:
        if not gates_passed(self.gates):
            return 3
        if any(target.config_error for target in self.targets):
            return 2
        return 1 if any(target.failed for target in self.targets) else 0


def run_rollout(
    project: Project,
    request: RolloutRequest,
    runtime: Runtime,
    progress: Progress | None = None,
    approvals_source: ApprovalsSource | None = None,
) -> RolloutOutcome:
    environment = project.config.environment(request.environment)
    targets = resolve_targets(request.environment, environment)
    release, migrations = resolve_release(project, runtime, request.release_manifest)
    # The review guards what gets applied; when no target has anything pending it cannot stop
    # anything, and reviewing a long history costs seconds. A target that has pending work by
    # the time it is locked, although none was seen here, is then not applied (see `apply`).
    reviewed = _review_fail_on(project, environment) == "never"
    if not reviewed and (
        request.dry_run or _anything_pending(project, environment, migrations, runtime, targets)
    ):
        review_before_rollout(project, request.environment, environment, migrations, runtime)
        reviewed = True
    commit = runtime.commit(project.root) or release.commit
    gates = tuple(
        evaluate_gates(project, request.environment, migrations, commit, runtime, approvals_source)
    )
    if not gates_passed(gates):
        return RolloutOutcome(request.environment, release, gates, ())
    worker = _TargetRollout(
        project, environment, release, migrations, runtime, progress or SilentProgress(), reviewed
    )
    run = worker.dry_run if request.dry_run else worker.apply
    outcomes = run_parallel(run, targets, environment.concurrency)
    return RolloutOutcome(request.environment, release, gates, tuple(outcomes))


def run_parallel(
    run: Callable[[ResolvedTarget], Result], targets: Sequence[ResolvedTarget], concurrency: int
) -> list[Result]:
    """Outcomes in the order of the targets in dbops.yaml, whatever order they finish in."""
    if concurrency <= 1 or len(targets) <= 1:
        return [run(target) for target in targets]
    with ThreadPoolExecutor(max_workers=min(concurrency, len(targets))) as pool:
        return list(pool.map(run, targets))


def review_before_rollout(
    project: Project,
    environment_name: str,
    environment: Environment,
    migrations: MigrationSet,
    runtime: Runtime,
) -> None:
    """The environment's review policy must pass for the release's migrations before anything
    of them is applied."""
    review = environment.review
    policy = review.policy if review and review.policy else None
    fail_on = _review_fail_on(project, environment)
    if fail_on == "never":
        return  # nothing the review could find would stop the rollout: `dbops check` reports
    from dbops.commands.check import CheckRequest, run_check

    request = CheckRequest(
        policy=policy,
        cwd=runtime.cwd,
        migrations=migrations,
        environment=environment_name,
        configured_shadow=False,
    )
    outcome = run_check(project, request)
    if outcome.result.exit_code(fail_on) == 0:
        return
    blocking = [
        finding
        for finding in outcome.result.findings
        if fail_on == "warning" or finding.level == "error"
    ]
    shown = "; ".join(f"{f.file}:{f.line} {f.rule}: {f.message}" for f in blocking[:5])
    more = f" (and {len(blocking) - 5} more)" if len(blocking) > 5 else ""
    raise RolloutFailed(
        f"the review of environment '{environment_name}' (policy "
        f"{policy or project.config.review.policy}, fail_on {fail_on}) failed, so nothing was "
        f"applied: {shown}{more}. Run `dbops check"
        f"{' --policy ' + policy if policy else ''}` to see the findings and fix them."
    )


def _review_fail_on(project: Project, environment: Environment) -> str:
    review = environment.review
    return (review.fail_on if review else None) or project.config.review.fail_on


def _anything_pending(
    project: Project,
    environment: Environment,
    migrations: MigrationSet,
    runtime: Runtime,
    targets: Sequence[ResolvedTarget],
) -> bool:
    """Whether some target has migrations to apply (or a problem the rollout will report), read
    without locking; stops at the first such target."""
    for target in targets:
        try:
            database = target.open(project.root, runtime, read_only=True)
            try:
                history = database.read_history()
            finally:
                database.close()
        except Exception:  # reported by the rollout itself, after the review
            return True
        plan = plan_target(migrations, history, environment.drift)
        if plan.pending or plan.errors:
            return True
    return False


class _TargetRollout:
    """Rolls one target at a time; one instance serves every worker thread (it keeps no state)."""

    def __init__(
        self,
        project: Project,
        environment: Environment,
        release: Release,
        migrations: MigrationSet,
        runtime: Runtime,
        progress: Progress,
        reviewed: bool = True,
    ) -> None:
        self.reviewed = reviewed  # False: the review was skipped, nothing was pending
        self.project = project
        self.environment = environment
        self.release = release
        self.migrations = migrations
        self.runtime = runtime
        self.progress = progress
        self.applied_by = runtime.applied_by()

    def apply(self, target: ResolvedTarget) -> TargetOutcome:
        outcome = locked_on_target(
            self.project, self.runtime, target, self.environment.lock_timeout, self._apply_locked
        )
        if outcome.done:
            confirm_committed(self.project, self.runtime, target, outcome)
        self.progress.target_finished(outcome)
        return outcome

    def _apply_locked(self, database: TargetDatabase, outcome: TargetOutcome) -> None:
        database.ensure_history()
        if not self._resume_interrupted(database, outcome):
            return
        plan = plan_target(self.migrations, database.read_history(), self.environment.drift)
        outcome.pending = tuple(migration.version.text for migration in plan.pending)
        outcome.warnings.extend(plan.warnings)
        if plan.errors:
            outcome.errors.extend(plan.errors)
            return
        if plan.pending and not self.reviewed:
            outcome.errors.append(
                f"{len(plan.pending)} migration(s) became pending on this target after the "
                f"rollout found none and skipped the review; nothing was applied. Run the "
                f"rollout again."
            )
            return
        steps = [migrate_step(migration, self.release.id) for migration in plan.pending]
        refusals = [refused for step in steps if (refused := database.refusal(step))]
        if refusals:  # checked for every file first: nothing of the plan runs
            outcome.errors.extend(refusals)
            return
        self.progress.target_started(outcome.target, len(plan.pending))
        for index, step in enumerate(steps):
            self.progress.step_started(outcome.target, step)
            result = database.apply(step, self.applied_by)
            outcome.results.append(result)
            self.progress.step_finished(outcome.target, result)
            if not result.ok:
                return
            if step.no_transaction and not self._still_pending(database, steps[index + 1 :]):
                outcome.errors.append(
                    f"the history changed while {step.file} ran outside a transaction (another "
                    f"rollout applied migrations meanwhile); stopped after it. Run `dbops status` "
                    f"and the rollout again."
                )
                return

    def _resume_interrupted(self, database: TargetDatabase, outcome: TargetOutcome) -> bool:
        """Finish migrations a killed rollout left `running` where the engine can tell from the
        live schema where to resume (MySQL/MariaDB); False when the rollout must stop here."""
        release = {migration.version.parts: migration for migration in self.migrations}
        for row in blocked_rows(database.read_history()):
            migration = release.get(row.parsed_version.parts)
            if row.status != Status.RUNNING or row.operation != Operation.MIGRATE:
                continue
            if migration is None:
                continue  # the plan reports it as blocked
            step = migrate_step(migration, self.release.id)
            decision = database.resume_point(row, step)
            if decision is None:
                continue
            if decision.start is None:
                outcome.errors.append(
                    f"migrate of version {row.version} ({row.file}) was interrupted, and dbops "
                    f"cannot tell where to resume it: {decision.reason}. Check the database, "
                    f"finish or undo the migration by hand, then run `dbops repair` (with "
                    f"--applied if you finished it)"
                )
                return False
            shown = f"statements 1-{decision.start}" if decision.start else "none of its statements"
            outcome.warnings.append(
                f"{row.file} was interrupted by a killed rollout; the live schema shows {shown} "
                f"in effect, so it resumes at statement {decision.start + 1}"
            )
            self.progress.step_started(outcome.target, step)
            result = database.resume(step, row, decision.start, self.applied_by)
            outcome.results.append(result)
            self.progress.step_finished(outcome.target, result)
            if not result.ok:
                return False
        return True

    def _still_pending(self, database: TargetDatabase, rest: Sequence[Step]) -> bool:
        """Whether `rest` is still this rollout's to apply. A file run outside a transaction
        may run without the lock (SQLite's lock is a transaction): re-read the history."""
        if not rest:
            return True
        plan = plan_target(self.migrations, database.read_history(), self.environment.drift)
        pending = {migration.version.parts for migration in plan.pending}
        return not plan.errors and all(
            version_from_text(step.version).parts in pending for step in rest
        )

    def dry_run(self, target: ResolvedTarget) -> TargetOutcome:
        """What `apply` would run, read without locking or writing anything."""
        outcome = TargetOutcome(target.name, target.key)
        try:
            database = target.open(self.project.root, self.runtime, read_only=True)
            outcome.url = database.display_url
            try:
                history = database.read_history()
            finally:
                database.close()
        except DbopsError as exc:
            outcome.errors.append(exc.message)
            outcome.config_error = isinstance(exc, ConfigError)
            return outcome
        plan = plan_target(self.migrations, history, self.environment.drift)
        outcome.pending = tuple(migration.version.text for migration in plan.pending)
        outcome.warnings.extend(plan.warnings)
        outcome.errors.extend(plan.errors)
        outcome.dry_run_sql = [(migration.path, migration.text) for migration in plan.pending]
        self.progress.target_finished(outcome)
        return outcome


def confirm_committed(
    project: Project, runtime: Runtime, target: ResolvedTarget, outcome: TargetOutcome
) -> None:
    """Read the history back after the rollout committed: the summary, JSON and exit code
    claim applied only what the database has (an engine may roll back a whole transaction
    itself: SQLite's `INSERT OR ROLLBACK`, a full disk, a failed final COMMIT)."""
    try:
        database = target.open(project.root, runtime, read_only=True)
        try:
            applied = applied_versions(database.read_history())
        finally:
            database.close()
    except Exception as exc:  # the outcome cannot be confirmed: say so, claim nothing
        shown = exc.message if isinstance(exc, DbopsError) else f"{type(exc).__name__}: {exc}"
        outcome.errors.append(
            f"could not read the history back after the rollout to confirm what was applied "
            f"({mask_secrets(shown, target.url)}); run `dbops status` to see what the database has"
        )
        return
    for index, result in enumerate(outcome.results):
        row = applied.get(version_from_text(result.version).parts)
        if result.ok and (row is None or row.file != result.file):
            outcome.results[index] = replace(
                result,
                error=(
                    "reported applied while it ran, but not in the database after the commit "
                    "(the engine rolled the transaction back); not applied"
                ),
            )


def locked_on_target(
    project: Project,
    runtime: Runtime,
    target: ResolvedTarget,
    lock_timeout: float,
    body: Callable[[TargetDatabase, TargetOutcome], None],
    *,
    read_only: bool = False,
) -> TargetOutcome:
    """Connect, lock, run `body`, unlock, close; any failure lands in the outcome's errors.
    `read_only` (a dry run) only looks: no lock, nothing created, not even a SQLite file."""
    outcome = TargetOutcome(target.name, target.key)
    started = time.perf_counter()
    try:
        database = target.open(project.root, runtime, read_only=read_only)
        outcome.url = database.display_url
        try:
            if read_only:
                body(database, outcome)
            else:
                database.lock(lock_timeout)
                try:
                    body(database, outcome)
                except BaseException:
                    # The lock goes with the session; a dead connection must not hide the
                    # error that says what happened behind one about unlocking.
                    with contextlib.suppress(Exception):
                        database.unlock()
                    raise
                database.unlock()
        finally:
            database.close()
    except DbopsError as exc:
        outcome.errors.append(exc.message)
        outcome.config_error = isinstance(exc, ConfigError)
    except Exception as exc:  # a driver error outside a statement: reported on its target
        outcome.errors.append(mask_secrets(f"{type(exc).__name__}: {exc}", target.url))
    outcome.seconds = time.perf_counter() - started
    return outcome
