"""The `dbops` entry point: one typer app, one place that maps errors to exit codes.

Each command group lives in its own module and registers itself on `app`; `run()` is the whole
program as a function (tests call it), `main()` exits with its result.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from dbops import __version__
from dbops.report.text_safety import printable

if TYPE_CHECKING:
    import typer

ROOT_HELP = "Database GitOps: review SQL migrations on pull requests, roll them out on merge."


def __getattr__(name: str) -> Any:
    # `dbops.cli.app.app`: the typer app, built on first use, so that `dbops --version` and a
    # cached `dbops --help` never import typer (~80 ms with click and its pydantic adapters).
    if name == "app":
        return _app()
    raise AttributeError(name)


# The command a pre-commit hook or a pipeline runs most, and the one module that defines it:
# `dbops check …` registers only that module, not the rollout, scaffold and adoption commands
# and what they import. Any other first word (or a typo, for typer's suggestions) gets them all.
SINGLE_COMMAND_MODULES = {"check": "check_cmd", "explain": "explain_cmd"}


@cache
def _app(command: str | None = None) -> typer.Typer:
    import importlib

    import typer

    app = typer.Typer(
        name="dbops",
        help=ROOT_HELP,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )

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

    # Imported here, not at module top: each command module imports typer and its options.
    names: tuple[str, ...] = ALL_COMMAND_MODULES
    if command in SINGLE_COMMAND_MODULES:
        names = (SINGLE_COMMAND_MODULES[command],)
    for name in names:
        importlib.import_module(f"dbops.cli.{name}").register(app)
    return app


ALL_COMMAND_MODULES = (
    "check_cmd",
    "explain_cmd",
    "rules_cmd",
    "scaffold_cmd",
    "config_cmd",
    "rollout_cmd",
    "adopt_cmd",
)


def _version_callback(value: bool) -> None:
    if value:
        import typer

        typer.echo(f"dbops {__version__}")
        raise typer.Exit(0)


def run(argv: Sequence[str] | None = None) -> int:
    """Run dbops with `argv` and return the exit code; never raises for a user's mistake."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args or os.environ.get("DBOPS_DEBUG", "") not in ("", "0")
    args = [arg for arg in args if arg != "--debug"]
    if args == ["--version"]:
        print(f"dbops {__version__}")
        return 0
    if args == ["--help"]:
        from dbops.cli.root_help import print_root_help

        return print_root_help(_typer_run)
    return _typer_run(args, debug)


def _typer_run(args: list[str], debug: bool = False) -> int:
    import typer
    from typer.exceptions import Abort, Exit, TyperException

    from dbops.errors import DbopsError

    command = typer.main.get_command(_app(args[0] if args else None))
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
            import traceback

            traceback.print_exc()
        print(f"dbops: error: {printable(exc.message)}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("dbops: interrupted.", file=sys.stderr)
        return 130
    except Exception as exc:
        if debug:
            import traceback

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
