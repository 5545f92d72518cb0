"""`dbops release create`, `plan`, `rollout`, `status`, `repair` and `rollback`."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dbops.cli.confirm import YesOption, confirm_change
from dbops.cli.console import in_ci, make_console
from dbops.cli.options import ConfigOption, NoColorOption, OutputOption, QuietOption, write_output

if TYPE_CHECKING:
    from rich.console import Console

    from dbops.adapters.config_file import Project
    from dbops.commands.rollout import Progress
    from dbops.rollout.steps import TargetOutcome


class ReportFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


EnvOption = Annotated[str, typer.Option("--env", "-e", help="Environment from dbops.yaml.")]
ReleaseOption = Annotated[
    Path | None,
    typer.Option(
        "--release",
        help="Release manifest from `dbops release create` (default: the migrations on disk).",
    ),
]
FormatOption = Annotated[
    ReportFormat, typer.Option("--format", "-f", help="text or json.", case_sensitive=False)
]
DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help="Print the SQL that would run; change nothing.")
]

StrictEngineOption = Annotated[
    bool,
    typer.Option(
        "--strict-engine",
        help="Refuse (exit 2) a target whose engine is not the review dialect's "
        "(also `strict_engine: true` in dbops.yaml); otherwise a warning.",
    ),
]

release_app = typer.Typer(help="Freeze migrations into a release manifest.", no_args_is_help=True)


def _project(config: Path | None) -> Project:
    from dbops.adapters.config_file import load_project

    return load_project(config, Path.cwd())


def checked_project(config: Path | None, env: str, strict_engine: bool) -> Project:
    """The project, after the engine check of ENV's targets (commands that touch targets)."""
    return _checked_engines(_project(config), env, strict_engine)


def _checked_engines(project: Project, env: str, strict_engine: bool) -> Project:
    """Warn (or refuse, when strict) before anything reads or applies: see engine_check."""
    from dbops.commands.engine_check import check_target_engines

    check_target_engines(project, env, strict_engine, lambda line: typer.echo(line, err=True))
    return project


@release_app.command("create")
def release_create(
    config: ConfigOption = None,
    output: OutputOption = None,
    release_id: Annotated[
        str | None, typer.Option("--id", help="Release id (default release_<yyyymmdd>-<commit7>).")
    ] = None,
) -> None:
    """Write the release manifest (versions, files, sha256, commit) to stdout or --output."""
    from dbops.commands.release import Runtime, create_release, release_document

    release = create_release(_project(config), Runtime(), release_id)
    write_output(release_document(release), output)
    if output is not None:
        typer.echo(
            f"release {release.id}: {len(release.entries)} migration(s) -> {output}", err=True
        )


def plan(
    env: EnvOption,
    config: ConfigOption = None,
    release: ReleaseOption = None,
    output_format: FormatOption = ReportFormat.TEXT,
    output: OutputOption = None,
    no_color: NoColorOption = False,
    strict_engine: StrictEngineOption = False,
) -> None:
    """Per target: pending migrations and drift. Changes nothing; exit 1 on drift errors."""
    _checked_engines(_project(config), env, strict_engine)
    _inspect(env, config, release, output_format, output, no_color, with_history=False)


def status(
    env: EnvOption,
    config: ConfigOption = None,
    release: ReleaseOption = None,
    output_format: FormatOption = ReportFormat.TEXT,
    output: OutputOption = None,
    no_color: NoColorOption = False,
) -> None:
    """Per target: applied history, pending migrations, drift and failed migrations."""
    _inspect(env, config, release, output_format, output, no_color, with_history=True)


def _inspect(
    env: str,
    config: Path | None,
    release: Path | None,
    output_format: ReportFormat,
    output: Path | None,
    no_color: bool,
    *,
    with_history: bool,
) -> None:
    """`plan` and `status` read the same things; `status` also shows the applied history."""
    from dbops.cli.rollout_report import inspection_json, print_plan, print_status
    from dbops.commands.plan import inspect_environment
    from dbops.commands.release import Runtime

    inspection = inspect_environment(_project(config), env, release, Runtime())
    if output_format == ReportFormat.JSON:
        write_output(inspection_json(inspection, with_history=with_history), output)
    else:
        show = print_status if with_history else print_plan
        show(inspection, make_console(stderr=False, no_color=no_color))
    raise typer.Exit(inspection.exit_code)


def rollout(
    env: EnvOption,
    config: ConfigOption = None,
    release: ReleaseOption = None,
    dry_run: DryRunOption = False,
    plan_name: Annotated[
        str | None, typer.Option("--plan", help="Server engine only: the plan name to use.")
    ] = None,
    output_format: FormatOption = ReportFormat.TEXT,
    output: OutputOption = None,
    quiet: QuietOption = False,
    no_color: NoColorOption = False,
    strict_engine: StrictEngineOption = False,
    yes: YesOption = False,
) -> None:
    """Review, check the gates, then apply pending migrations to every target of ENV."""
    from dbops.commands.release import Runtime
    from dbops.commands.rollout import RolloutRequest, run_rollout
    from dbops.rollout.summary import gates_table, problems_lines, rollout_json, summary_table

    project = _checked_engines(_project(config), env, strict_engine)
    if not dry_run:
        confirm_change(project, env, "roll out to", yes)
    log = make_console(stderr=True, no_color=no_color)
    if project.config.server is not None:
        from dbops.commands.server_rollout import run_server_rollout

        outcome_server = run_server_rollout(
            project,
            env,
            release_manifest=release,
            plan_name=plan_name,
            dry_run=dry_run,
            output_format=output_format.value,
            console=log,
            output=output,
        )
        raise typer.Exit(outcome_server.exit_code)
    request = RolloutRequest(environment=env, release_manifest=release, dry_run=dry_run)
    with _progress(log, quiet or dry_run) as progress:
        outcome = run_rollout(project, request, Runtime(), progress)
    if output_format == ReportFormat.JSON:
        document = rollout_json(
            env, outcome.release.id, outcome.gates, outcome.targets, dry_run=dry_run
        )
        write_output(document, output)
        raise typer.Exit(outcome.exit_code)
    report = make_console(stderr=dry_run, no_color=no_color or output is not None)
    if dry_run:
        _print_sql(outcome.targets, output)
    if outcome.gates:
        report.print(gates_table(outcome.gates))
    if outcome.exit_code == 3:
        report.print(f"A gate is not satisfied: nothing was applied to {env}.", markup=False)
        raise typer.Exit(3)
    title = f"{'Dry run' if dry_run else 'Rollout'} of {outcome.release.id} to {env}"
    report.print(summary_table(outcome.targets, title))
    for line in problems_lines(outcome.targets):
        report.print(line, markup=False)
    raise typer.Exit(outcome.exit_code)


def _print_sql(targets: Sequence[TargetOutcome], output: Path | None) -> None:
    chunks = []
    for outcome in targets:
        chunks.append(f"-- target {outcome.target} ({outcome.url})")
        chunks.extend(f"-- {file}\n{sql.rstrip()}\n" for file, sql in outcome.dry_run_sql)
    write_output("\n".join(chunks) + "\n", output)


def _progress(console: Console, quiet: bool) -> AbstractContextManager[Progress]:
    from dbops.cli.rollout_progress import PlainProgress, RichProgress
    from dbops.commands.rollout import SilentProgress

    if quiet:
        return nullcontext(SilentProgress())
    if sys.stderr.isatty() and not in_ci():
        return RichProgress(console)
    return nullcontext(PlainProgress(console))


def repair(
    env: EnvOption,
    target: Annotated[str, typer.Option("--target", "-t", help="Target name in ENV.")],
    applied: Annotated[
        bool,
        typer.Option(
            "--applied",
            help="Record the failed migration as applied (you completed it by hand) instead of "
            "clearing it (the next rollout runs it again).",
        ),
    ] = False,
    config: ConfigOption = None,
    yes: YesOption = False,
) -> None:
    """Clear a failed or interrupted migration's record after a manual fix."""
    from dbops.commands.release import Runtime
    from dbops.commands.repair import run_repair
    from dbops.report.text_safety import printable
    from dbops.rollout.summary import gates_table

    project = _project(config)
    confirm_change(project, env, f"repair target '{target}' of", yes)
    outcome = run_repair(project, env, target, applied, Runtime())
    if outcome.gates:
        make_console(stderr=False).print(gates_table(outcome.gates))
    if outcome.exit_code == 3:
        typer.echo(f"A gate is not satisfied: nothing was repaired in {env}.")
        raise typer.Exit(3)
    if not outcome.repaired:
        typer.echo(f"{outcome.target}: no failed or interrupted migration; nothing to repair.")
        return
    for row in outcome.repaired:
        typer.echo(
            printable(
                f"{outcome.target}: {row.operation.value} of {row.version} ({row.file}) was "
                f"{row.status.value}; now {outcome.marked.value}."
            )
        )


def rollback(
    env: EnvOption,
    to: Annotated[str, typer.Option("--to", help="Roll back every version newer than this.")],
    config: ConfigOption = None,
    dry_run: DryRunOption = False,
    output_format: FormatOption = ReportFormat.TEXT,
    output: OutputOption = None,
    quiet: QuietOption = False,
    no_color: NoColorOption = False,
    strict_engine: StrictEngineOption = False,
    yes: YesOption = False,
) -> None:
    """Review the .down.sql files of versions newer than --to, check the gates, then run them,
    newest first."""
    from dbops.commands.release import Runtime
    from dbops.commands.rollback import run_rollback
    from dbops.rollout.summary import gates_table, problems_lines, rollout_json, summary_table

    project = _checked_engines(_project(config), env, strict_engine)
    if not dry_run:
        confirm_change(project, env, "roll back", yes)
    log = make_console(stderr=True, no_color=no_color)
    with _progress(log, quiet or dry_run) as progress:
        outcome = run_rollback(project, env, to, Runtime(), progress, dry_run)
    if output_format == ReportFormat.JSON:
        document = rollout_json(
            env,
            f"to {outcome.to_version}",
            outcome.gates,
            outcome.targets,
            dry_run=dry_run,
            operation="rollback",
        )
        write_output(document, output)
        raise typer.Exit(outcome.exit_code)
    if dry_run:
        _print_sql(outcome.targets, output)
    report = make_console(stderr=dry_run, no_color=no_color or output is not None)
    if outcome.gates:
        report.print(gates_table(outcome.gates))
    if outcome.exit_code == 3:
        report.print(f"A gate is not satisfied: nothing was rolled back in {env}.", markup=False)
        raise typer.Exit(3)
    title = f"{'Dry run of rollback' if dry_run else 'Rollback'} of {env} to {outcome.to_version}"
    report.print(summary_table(outcome.targets, title))
    for line in problems_lines(outcome.targets):
        report.print(line, markup=False)
    raise typer.Exit(outcome.exit_code)


def register(app: typer.Typer) -> None:
    app.add_typer(release_app, name="release")
    app.command("plan")(plan)
    app.command("rollout")(rollout)
    app.command("status")(status)
    app.command("repair")(repair)
    app.command("rollback")(rollback)
