"""`dbops check`."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from dbops.cli.console import make_console, progress_after
from dbops.cli.options import (
    ConfigOption,
    DialectOption,
    FormatOption,
    NoColorOption,
    OutputFormat,
    OutputOption,
    QuietOption,
    ServerVersionOption,
    write_output,
)


def check(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Migration files or folders (default: the configured folder)."),
    ] = None,
    config: ConfigOption = None,
    output_format: FormatOption = OutputFormat.TEXT,
    output: OutputOption = None,
    dialect: DialectOption = None,
    policy: Annotated[
        str | None, typer.Option("--policy", help="Built-in policy name or policy YAML path.")
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option("--select", help="Only these rules (comma-separated names; repeatable)."),
    ] = None,
    changed: Annotated[
        bool,
        typer.Option("--changed", help="Only migrations changed since the merge base with --base."),
    ] = False,
    base: Annotated[
        str | None,
        typer.Option("--base", help="Base branch (git ref): also check order and merged files."),
    ] = None,
    env: Annotated[
        str | None,
        typer.Option(
            "--env",
            help="Review with this environment's policy and server version (with a server: "
            "against its databases).",
        ),
    ] = None,
    server_version: ServerVersionOption = None,
    shadow: Annotated[
        str | None,
        typer.Option(
            "--shadow",
            help="Database URL: also apply the history and the reviewed migrations in a "
            "throwaway database created there and dropped after (runtime errors, lock trace).",
        ),
    ] = None,
    no_publish: Annotated[
        bool,
        typer.Option("--no-publish", help="In a Bitbucket PR pipeline: no comment, no report."),
    ] = False,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Review afresh: do not read or write the result cache (DBOPS_CACHE_DIR, "
            "default ~/.cache/dbops).",
        ),
    ] = False,
    fix: Annotated[
        bool,
        typer.Option(
            "--fix",
            help="Apply the rules' fixes to migrations not yet merged or released, then "
            "report what is left.",
        ),
    ] = False,
    diff: Annotated[
        bool,
        typer.Option("--diff", help="Show the fixes as a unified diff; write nothing."),
    ] = False,
    quiet: QuietOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Review migrations with SQL lint rules; exit 1 on findings at or above fail_on."""
    from dbops.adapters.config_file import load_project
    from dbops.commands.check import CheckRequest, run_check

    cwd = Path.cwd()
    project = load_project(config, cwd, for_review=True)
    publishing = not no_publish and bool(os.environ.get("BITBUCKET_PR_ID", "").strip())
    request = CheckRequest(
        paths=tuple(paths or ()),
        dialect=dialect,
        policy=policy,
        select=tuple(
            part.strip() for option in select or () for part in option.split(",") if part.strip()
        ),
        cwd=cwd,
        changed=changed,
        base=base,
        environment=env,
        server_version=server_version,
        # The comment shows every environment's verdict; other formats need only this one.
        per_environment=publishing or output_format == OutputFormat.MARKDOWN,
        use_cache=not no_cache,
        shadow=shadow,
    )
    if fix or diff:
        from dbops.cli.fix_output import run_fixes

        fixed = run_fixes(project, request, write=fix and not diff)
        if diff:  # the diff is the output: exit 1 when it shows a change, as ruff --diff does
            raise typer.Exit(0 if fixed is None else 1)
        assert fixed is not None
        outcome = fixed
    else:
        with progress_after("dbops: reviewing migrations…"):
            outcome = run_check(project, request)
    if output_format == OutputFormat.TEXT:
        from dbops.report.text_report import print_text_report

        sources = {migration.path: migration.text for migration in outcome.migrations}
        console = make_console(stderr=False, no_color=no_color or output is not None)
        if output is not None:  # rendered first, written like every other format
            console.file = buffer = io.StringIO()
            print_text_report(outcome.result, sources, console, quiet)
            write_output(buffer.getvalue(), output)
        else:
            print_text_report(outcome.result, sources, console, quiet)
    else:
        from dbops.report.formats import render

        write_output(render(outcome.result, output_format.value), output)
    if publishing:
        from dbops.adapters.bitbucket.publisher import publish_to_pull_request

        # Publishing failures are reported on stderr and never change the exit code.
        publish_to_pull_request(outcome.result, failed=outcome.exit_code != 0, quiet=quiet)
    if outcome.result.internal_errors:
        print(
            f"dbops: error: {len(outcome.result.internal_errors)} internal error(s): a rule "
            f"failed; the report lists each as an 'internal-error' finding (which rule, which "
            f"statement) and every other rule still ran; exit 2 because the review is "
            f"incomplete.",
            file=sys.stderr,
        )
    raise typer.Exit(outcome.exit_code)


def register(app: typer.Typer) -> None:
    app.command("check")(check)
