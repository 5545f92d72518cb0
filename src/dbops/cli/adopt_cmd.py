"""`dbops baseline` and `dbops import-history`: adopt databases whose migrations ran before."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from dbops.cli.confirm import YesOption, confirm_change
from dbops.cli.console import make_console
from dbops.cli.options import ConfigOption, NoColorOption
from dbops.cli.rollout_cmd import EnvOption, StrictEngineOption, checked_project

if TYPE_CHECKING:
    from dbops.commands.adoption import AdoptionOutcome

ForceOption = Annotated[
    bool,
    typer.Option("--force", help="Also on targets that already have dbops history (adds what "
                 "they lack)."),
]  # fmt: skip


def baseline(
    env: EnvOption,
    version: Annotated[str, typer.Option("--version", help="Record every migration up to it.")],
    config: ConfigOption = None,
    force: ForceOption = False,
    strict_engine: StrictEngineOption = False,
    no_color: NoColorOption = False,
    yes: YesOption = False,
) -> None:
    """Record every migration up to --version as `baseline` (applied before dbops; nothing
    runs), after checking the target has the tables they create."""
    from dbops.commands.baseline import run_baseline
    from dbops.commands.release import Runtime

    project = checked_project(config, env, strict_engine)
    confirm_change(project, env, f"record a baseline {version} in", yes)
    outcome = run_baseline(project, env, version, Runtime(), force)
    _report(outcome, f"as baseline {version}", no_color)


def import_history(
    env: EnvOption,
    tool: Annotated[
        str,
        typer.Option("--from", help="flyway, golang-migrate, dbmate, diesel or liquibase."),
    ],
    config: ConfigOption = None,
    force: ForceOption = False,
    strict_engine: StrictEngineOption = False,
    no_color: NoColorOption = False,
    yes: YesOption = False,
) -> None:
    """Write dbops' history from another tool's history table in each target of ENV, so the
    next rollout applies only what that tool did not."""
    from dbops.commands.import_history import run_import_history
    from dbops.commands.release import Runtime

    project = checked_project(config, env, strict_engine)
    confirm_change(project, env, f"import {tool}'s history into", yes)
    outcome = run_import_history(project, env, tool, Runtime(), force)
    _report(outcome, f"from {tool}'s history", no_color)


def _report(outcome: AdoptionOutcome, how: str, no_color: bool) -> None:
    from dbops.rollout.summary import gates_table

    console = make_console(stderr=False, no_color=no_color)
    if outcome.gates:
        console.print(gates_table(outcome.gates))
    if outcome.exit_code == 3:
        console.print(f"A gate is not satisfied: nothing was recorded in {outcome.environment}.")
        raise typer.Exit(3)
    for target in outcome.targets:
        if target.failed:
            for error in target.errors:
                typer.echo(f"{target.target}: {error}", err=True)
            continue
        versions = outcome.recorded.get(target.target, ())
        shown = f" ({', '.join(versions)})" if versions else ""
        typer.echo(f"{target.target}: recorded {len(versions)} migration(s) {how}{shown}.")
    raise typer.Exit(outcome.exit_code)


def register(app: typer.Typer) -> None:
    app.command("baseline")(baseline)
    app.command("import-history")(import_history)
