"""The `dbops` entry point: one typer app, one place that maps errors to exit codes.

Each command group lives in its own module and registers itself on `app`; `run()` is the whole
program as a function (tests call it), `main()` exits with its result.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Sequence

import typer
from typer.exceptions import Abort, Exit, TyperException

from dbops import __version__
from dbops.errors import DbopsError
from dbops.report.text_safety import printable

app = typer.Typer(
    name="dbops",
    help="Database GitOps: review SQL migrations on pull requests, roll them out on merge.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"dbops {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version_callback, is_eager=True, help="Print the version."
    ),
) -> None:
    """Database GitOps: review SQL migrations on pull requests, roll them out on merge.

    Exit codes: 0 ok, 1 findings at or above fail_on or a failed rollout, 2 usage/config/input
    error, 3 an approval or promotion gate is not satisfied. Add --debug for tracebacks.
    """


def _register_commands() -> None:
    # Imported here, not at module top, so each command module can import `app` from this one.
    from dbops.cli import (
        check_cmd,
        config_cmd,
        explain_cmd,
        rollout_cmd,
        rules_cmd,
        scaffold_cmd,
    )

    for module in (check_cmd, explain_cmd, rules_cmd, scaffold_cmd, config_cmd, rollout_cmd):
        module.register(app)


_register_commands()


def run(argv: Sequence[str] | None = None) -> int:
    """Run dbops with `argv` and return the exit code; never raises for a user's mistake."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args or os.environ.get("DBOPS_DEBUG", "") not in ("", "0")
    args = [arg for arg in args if arg != "--debug"]
    command = typer.main.get_command(app)
    try:
        result = command.main(args=args, prog_name="dbops", standalone_mode=False)
    except Exit as exc:
        return exc.exit_code
    except TyperException as exc:  # usage errors: unknown option, bad value
        show = getattr(exc, "show", None)
        if show is not None:
            show(file=sys.stderr)
        else:
            print(f"dbops: error: {printable(exc.format_message())}", file=sys.stderr)
        return 2
    except Abort:
        print("dbops: interrupted.", file=sys.stderr)
        return 130
    except DbopsError as exc:
        if debug:
            traceback.print_exc()
        print(f"dbops: error: {printable(exc.message)}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("dbops: interrupted.", file=sys.stderr)
        return 130
    except Exception as exc:
        if debug:
            traceback.print_exc()
        print(
            f"dbops: internal error: {type(exc).__name__}: {printable(str(exc))}. This is a bug "
            f"in dbops; "
            f"run again with --debug for the traceback and report it.",
            file=sys.stderr,
        )
        return 2
    return result if isinstance(result, int) else 0


def main() -> None:
    sys.exit(run())
