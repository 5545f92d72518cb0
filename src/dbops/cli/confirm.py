"""Asking before a command changes an environment from a person's machine.

Inside Bitbucket Pipelines the gates (and Bitbucket's deployment permissions) decide. Outside it,
a command that changes targets asks on a terminal; a script says `--yes`; with neither, nothing
runs (exit 3), so a stray `dbops rollback` in a cron job cannot touch a database unasked.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from dbops.adapters.config_file import Project

YesOption = Annotated[
    bool,
    typer.Option(
        "--yes",
        "-y",
        help="Do not ask for confirmation outside Bitbucket Pipelines (for scripts).",
    ),
]


def confirm_change(project: Project, env: str, action: str, yes: bool) -> None:
    """Return when `action` (e.g. "roll back") may change ENV's targets; else exit 3."""
    if yes or os.environ.get("BITBUCKET_BUILD_NUMBER"):
        return
    environment = project.config.environment(env)
    if environment.only_in_pipelines:
        return  # refused by the `only in pipelines` gate, shown in the gates table
    count = len(environment.targets)
    where = f"environment '{env}'" + (f" ({count} target(s))" if count else "")
    if sys.stdin.isatty():
        if typer.confirm(f"This will {action} {where} from this machine. Go on?", err=True):
            return
        typer.echo("Not confirmed: nothing was run.", err=True)
        raise typer.Exit(3)
    typer.echo(
        f"dbops would {action} {where} outside Bitbucket Pipelines, and there is no terminal "
        f"to confirm it on: nothing was run. A script that means it passes --yes.",
        err=True,
    )
    raise typer.Exit(3)
