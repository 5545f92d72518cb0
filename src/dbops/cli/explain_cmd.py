"""`dbops explain FILE…`: the lock timeline of each migration file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dbops.cli.options import (
    ConfigOption,
    DialectOption,
    FormatOption,
    OutputFormat,
    OutputOption,
    ServerVersionOption,
    write_output,
)


def explain(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Migration files (default: every migration of the project)."),
    ] = None,
    config: ConfigOption = None,
    output_format: FormatOption = OutputFormat.TEXT,
    output: OutputOption = None,
    dialect: DialectOption = None,
    env: Annotated[
        str | None, typer.Option("--env", help="Judge for this environment's server version.")
    ] = None,
    server_version: ServerVersionOption = None,
) -> None:
    """Show which lock each statement takes, on which table, what it blocks and for how long."""
    from dbops.adapters.config_file import load_project
    from dbops.commands.check import CheckRequest, run_check
    from dbops.report.explain_report import render_explain_json, render_explain_text

    cwd = Path.cwd()
    project = load_project(config, cwd, for_review=True)
    request = CheckRequest(
        paths=tuple(paths or ()),
        dialect=dialect,
        cwd=cwd,
        environment=env,
        server_version=server_version,
        select=("syntax-error",),  # the timeline needs no rule; a syntax error is still named
        configured_shadow=False,
    )
    result = run_check(project, request).result
    if output_format == OutputFormat.JSON:
        write_output(render_explain_json(result), output)
    elif output_format == OutputFormat.TEXT:
        write_output(render_explain_text(result), output)
    else:
        raise typer.BadParameter("explain prints text or json", param_hint="--format")


def register(app: typer.Typer) -> None:
    app.command("explain")(explain)
