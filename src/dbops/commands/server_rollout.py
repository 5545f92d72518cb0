"""`dbops rollout --env E` through a Bytebase server (DESIGN §5, server engine).

Sequence: log in and check the server's version; create the release (or, with `--plan`,
resume an existing plan), the plan over every environment's databases, and its rollout; then
run only E's stage. Earlier stages not done is a promotion gate (exit 3); a stage the server's
policy holds back is "waiting for approval in Bytebase" (exit 3, with a link); a stage missing
from the rollout is an error. The wait loop polls with backoff until every task is done,
skipped, failed or cancelled; SIGINT/SIGTERM cancel the running task runs before exiting.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
from rich.console import Console
from rich.markup import escape

from dbops import __version__
from dbops.adapters.bytebase.client import BytebaseClient, BytebaseRequestError
from dbops.adapters.bytebase.models import (
    TASK_RUN_ACTIVE,
    ActuatorInfo,
    ChangeDatabaseConfig,
    Plan,
    PlanSpec,
    Rollout,
    Stage,
)
from dbops.adapters.bytebase.session import open_session
from dbops.adapters.bytebase.settings import settings_from_config
from dbops.adapters.config_file import Project
from dbops.commands.release import Runtime, resolve_release
from dbops.commands.rollout_gates import evaluate_gates
from dbops.commands.server_check import server_of, server_targets
from dbops.config import ServerConfig
from dbops.core.migrations import MigrationSet
from dbops.errors import GateError, ServerError, UsageError
from dbops.rollout.gates import GateResult
from dbops.server.interrupts import Interrupted, signals_raise_interrupted
from dbops.server.progress import (
    describe_unfinished,
    latest_runs,
    poll_delays,
    stage_finished,
    stage_label,
    stage_of,
    stage_result,
    tasks_to_run,
    timing_of,
    unfinished_before,
)
from dbops.server.release_files import release_of
from dbops.server.release_meta import render_release_template, vcs_source
from dbops.server.rollout_outcome import ServerRolloutOutcome, TaskSummary
from dbops.server.rollout_output import print_outcome

APPROVAL_CODES = frozenset({"FAILED_PRECONDITION", "PERMISSION_DENIED"})
WAITING_FOR_APPROVAL = "waiting for approval in Bytebase"


def run_server_rollout(
    project: Project,
    environment: str,
    *,
    release_manifest: Path | None,
    plan_name: str | None,
    dry_run: bool,
    output_format: str,
    console: Console,
    transport: httpx.BaseTransport | None = None,
    environ: Mapping[str, str] | None = None,
    output: Path | None = None,
) -> ServerRolloutOutcome:
    """Drive the rollout of `environment` on the project's Bytebase server; prints progress to
    `console`, then the summary (text) or one JSON object (json) on stdout or to `output`, in
    the embedded engine's shape (dbops.server.rollout_output)."""
    server = server_of(project)
    environment, _ = server_targets(project, environment)
    settings = settings_from_config(server)
    environ = os.environ if environ is None else environ
    # A manifest is checked against the disk before the server hears of anything; without one
    # the migrations on disk are the release.
    runtime = Runtime(environ=environ, cwd=project.root)
    local_release, migrations = resolve_release(project, runtime, release_manifest)
    gates = _check_dbops_gates(project, environment, migrations, local_release.commit, runtime)
    client, info = open_session(
        settings, warn=lambda text: console.print(escape(text)), transport=transport
    )
    with client:
        driver = _Driver(client, info, server, project, environment, console)
        driver.environ = environ
        console.print(
            f"Bytebase {escape(info.version)} at {escape(settings.url)}: rolling out "
            f"[bold]{escape(environment)}[/]"
        )
        outcome = driver.run(plan_name, dry_run, local_release.id, migrations)
    outcome = replace(outcome, gates=gates)
    print_outcome(outcome, output_format, console, output)
    return outcome


class _Driver:
    def __init__(
        self,
        client: BytebaseClient,
        info: ActuatorInfo,
        server: ServerConfig,
        project: Project,
        environment: str,
        console: Console,
    ) -> None:
        self.client = client
        self.info = info
        self.server = server
        self.project = project
        self.environment = environment
        self.console = console
        self.environ: Mapping[str, str] = os.environ
        self.release = ""
        self.plan = ""
        self.last: dict[str, str] = {}

    def link(self, resource: str) -> str:
        return self.client.web_url(resource, self.info.external_url)

    def outcome(
        self, code: int, status: str, message: str = "", **more: Any
    ) -> ServerRolloutOutcome:
        return ServerRolloutOutcome(
            code,
            status,
            self.environment,
            release=self.release,
            plan=self.plan,
            rollout=f"{self.plan}/rollout" if self.plan else "",
            url=self.link(f"{self.plan}/rollout") if self.plan else "",
            message=message,
            **more,
        )

    # --- sequence ---------------------------------------------------------------------

    def run(
        self, plan_name: str | None, dry_run: bool, release_id: str, migrations: MigrationSet
    ) -> ServerRolloutOutcome:
        if plan_name:
            plan = self.client.get_plan(self._plan_resource(plan_name))
            self.plan = plan.name
            self.release = _release_of_plan(plan)
            self.console.print(f"resuming plan {escape(self.link(plan.name))}")
            rollout = self.client.get_rollout(plan.name)
        elif dry_run:
            return self._dry_run_new_plan()
        else:
            plan = self._create_plan(release_id, migrations)
            rollout = None
        if rollout is None:
            if dry_run:
                return self.outcome(0, "dry_run", "the plan has no rollout yet; none was created")
            rollout = self.client.create_rollout(plan.name)
        stage = self._stage(rollout)
        blocked = unfinished_before(rollout, stage)
        if blocked:
            raise GateError(self._gate_message(blocked))
        if dry_run:
            waiting = [task.target for task in stage.tasks if task.status == "NOT_STARTED"]
            return self.outcome(
                0, "dry_run", f"would run {len(waiting)} task(s) in stage {stage_label(stage)}"
            )
        return self._run_stage(stage)

    def _create_plan(self, release_id: str, migrations: MigrationSet) -> Plan:
        release = release_of(migrations, self.project.root, self.project.root)
        source = vcs_source(self.environ)
        template = render_release_template(self.server.release_id, self.environ)
        created = self.client.create_release(
            release.model_copy(update={"vcs_source": source}), template
        )
        self.release = created.name
        self.console.print(f"release {escape(created.name)} ({len(release.files)} file(s))")
        title = f"{release_id} ({created.name.rsplit('/', 1)[-1]})"
        origin = source.url if source else "a run outside Pipelines"
        plan = self.client.create_plan(
            Plan(
                title=title[:200],
                description=f"Created by dbops {__version__} from {origin}.",
                specs=[
                    PlanSpec(
                        id=str(uuid.uuid4()),
                        change_database_config=ChangeDatabaseConfig(
                            targets=self._all_targets(), release=created.name
                        ),
                    )
                ],
            )
        )
        self.plan = plan.name
        self.console.print(f"plan {escape(self.link(plan.name))}")
        return plan

    def _all_targets(self) -> list[str]:
        """Every environment's databases, in promotion order: one plan that each deployment
        step promotes with `--plan`."""
        order = list(self.project.config.environments) or list(self.server.targets)
        names = order + [name for name in self.server.targets if name not in order]
        seen: dict[str, None] = {}
        for name in names:
            for target in self.server.targets.get(name, []):
                seen.setdefault(target, None)
        return list(seen)

    def _dry_run_new_plan(self) -> ServerRolloutOutcome:
        targets = self.server.targets[self.environment]
        return self.outcome(
            0,
            "dry_run",
            f"would create a release, a plan over {len(self._all_targets())} database(s) and its "
            f"rollout, then run stage {self.environment} on {', '.join(targets)}",
        )

    def _plan_resource(self, plan_name: str) -> str:
        name = plan_name.strip().strip("/")
        if name.isdigit():
            return f"{self.client.settings.project}/plans/{name}"
        if not name.startswith("projects/") or "/plans/" not in name:
            raise UsageError(
                f"--plan '{plan_name}': give a plan's resource name (projects/hr/plans/101, as "
                f"printed by the first rollout and in its JSON output) or its number."
            )
        return name

    def _stage(self, rollout: Rollout) -> Stage:
        stage = stage_of(rollout, self.environment)
        if stage is None:
            present = ", ".join(stage_label(s) for s in rollout.stages) or "none"
            raise ServerError(
                f"the rollout of {self.plan} has no stage for environment '{self.environment}' "
                f"(its stages: {present}), so nothing would be applied there. Bytebase makes one "
                f"stage per Bytebase environment of the plan's databases: check that "
                f"server.targets.{self.environment} names databases in Bytebase's environment "
                f"'{self.environment}', and that --plan names a plan made for them."
            )
        return stage

    def _gate_message(self, blocked: list[Stage]) -> str:
        first = stage_label(blocked[0])
        return (
            f"promotion gate: earlier stage(s) of {self.plan} are not done: "
            f"{'; '.join(describe_unfinished(stage) for stage in blocked)}. Nothing was run in "
            f"'{self.environment}'. Roll out '{first}' first (dbops rollout --env {first} "
            f"--plan {self.plan}), then promote this same plan: {self.link(self.plan)}"
        )

    # --- running a stage --------------------------------------------------------------

    def _run_stage(self, stage: Stage) -> ServerRolloutOutcome:
        requested: set[str] = set()
        deadline = time.monotonic() + self.server.rollout_timeout
        delays = poll_delays(self.server.poll_interval)
        try:
            with signals_raise_interrupted():
                while True:
                    self._report(stage)
                    pending = tasks_to_run(stage, requested)
                    if pending:
                        names = [task.name for task in pending]
                        blocked = self._start(stage, names)
                        if blocked is not None:
                            return blocked
                        requested.update(names)
                    elif stage_finished(stage):
                        break
                    if time.monotonic() > deadline:
                        return self._finish(stage, "timeout", self._timeout_message())
                    time.sleep(next(delays))
                    stage = self._stage(self._rollout())
        except Interrupted as interrupt:
            return self._cancel(stage, interrupt)
        result = stage_result(stage)
        message = "" if result == "done" else f"stage {stage_label(stage)} {result}"
        return self._finish(stage, result, message)

    def _rollout(self) -> Rollout:
        rollout = self.client.get_rollout(self.plan)
        if rollout is None:
            raise ServerError(f"the rollout of {self.plan} disappeared from Bytebase.")
        return rollout

    def _start(self, stage: Stage, names: list[str]) -> ServerRolloutOutcome | None:
        try:
            self.client.batch_run_tasks(stage.name, names)
        except BytebaseRequestError as error:
            if error.code not in APPROVAL_CODES:
                raise
            link = self.link(f"{self.plan}/rollout")
            self.console.print(
                f"stage {escape(stage_label(stage))}: {WAITING_FOR_APPROVAL}: {escape(link)}"
            )
            message = (
                f"stage '{stage_label(stage)}' is {WAITING_FOR_APPROVAL} (server: "
                f"{error.server_message}). Approve it at {link}, then run this step again with "
                f"--plan {self.plan}."
            )
            tasks = tuple(
                TaskSummary(task.target, stage_label(stage), WAITING_FOR_APPROVAL, task=task.name)
                for task in stage.tasks
            )
            return self.outcome(3, "waiting_for_approval", message, tasks=tasks)
        self.console.print(f"started {len(names)} task(s) in stage {escape(stage_label(stage))}")
        return None

    def _report(self, stage: Stage) -> None:
        for task in stage.tasks:
            if self.last.get(task.name) != task.status:
                self.last[task.name] = task.status
                self.console.print(f"  {escape(task.target)}: {task.status}")

    def _timeout_message(self) -> str:
        return (
            f"the stage did not finish within server.rollout_timeout "
            f"({self.server.rollout_timeout:g}s); its tasks go on in Bytebase: "
            f"{self.link(self.plan + '/rollout')}"
        )

    def _cancel(self, stage: Stage, interrupt: Interrupted) -> ServerRolloutOutcome:
        ours = {task.name for task in stage.tasks}
        runs = [
            run.name
            for run in self.client.list_task_runs(self.plan)
            if run.task_name in ours and run.status in TASK_RUN_ACTIVE
        ]
        if runs:
            self.client.batch_cancel_task_runs(stage.name, runs)
        self.console.print(
            f"{interrupt.name}: cancelled {len(runs)} running task run(s) in stage "
            f"{escape(stage_label(stage))}"
        )
        stage = self._stage(self._rollout())
        outcome = self._finish(stage, "interrupted", f"{interrupt.name}: rollout cancelled")
        return replace(outcome, exit_code=interrupt.exit_code)

    def _finish(self, stage: Stage, status: str, message: str) -> ServerRolloutOutcome:
        runs = latest_runs(self.client.list_task_runs(self.plan))
        tasks = []
        for task in stage.tasks:
            timing = timing_of(runs.get(task.name))
            detail = timing.detail or task.skipped_reason
            tasks.append(
                TaskSummary(
                    task.target, stage_label(stage), task.status, timing.seconds, detail, task.name
                )
            )
        code = 0 if status == "done" else 1
        return self.outcome(code, status, message, tasks=tuple(tasks))


def _check_dbops_gates(
    project: Project, environment: str, migrations: MigrationSet, commit: str, runtime: Runtime
) -> tuple[GateResult, ...]:
    """The gates dbops decides itself, before the server hears of anything: the same as the
    embedded engine's but `requires:`, which is the server's stage order (checked on the
    rollout)."""
    results = tuple(
        evaluate_gates(project, environment, migrations, commit, runtime, with_requires=False)
    )
    failed = [result for result in results if not result.passed]
    if failed:
        details = "; ".join(f"{result.gate}: {result.detail}" for result in failed)
        raise GateError(f"gate(s) for '{environment}' not satisfied: {details}. Nothing was run.")
    return results


def _release_of_plan(plan: Plan) -> str:
    for spec in plan.specs:
        if spec.change_database_config and spec.change_database_config.release:
            return spec.change_database_config.release
    return ""


__all__ = ["ServerRolloutOutcome", "TaskSummary", "run_server_rollout"]
