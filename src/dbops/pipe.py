"""Entry point of the dbops Bitbucket Pipe (action/) and the GitHub Action: pipe variables in,
`dbops check` command lines out.

Pipe variables arrive as environment variables; list variables as `NAME_COUNT` plus `NAME_0`,
`NAME_1`, … (the Pipes convention). Two reviews run: one writes the JUnit file Pipelines shows
as test results (without publishing), the other prints the findings in the log and publishes
to the pull request; the second decides the exit code.
"""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from dbops.errors import ConfigError

# Inside a pipe's container the Pipelines proxy is reached through the Docker host.
PIPE_PROXY = "http://host.docker.internal:29418"
DEFAULT_TEST_RESULTS = "test-results/dbops.xml"
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


@dataclass(frozen=True)
class PipeRun:
    """The dbops invocations a pipe run makes, in order."""

    commands: tuple[tuple[str, ...], ...]
    directory: str | None


def flag(environ: Mapping[str, str], name: str, default: bool) -> bool:
    raw = environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(f"pipe variable {name}={raw!r} must be true or false.")


def values(environ: Mapping[str, str], name: str) -> list[str]:
    """A list variable (NAME_COUNT/NAME_0…) or a plain one split like a shell would."""
    count = environ.get(f"{name}_COUNT")
    if count is not None:
        if not count.strip().isdigit():
            raise ConfigError(f"pipe variable {name}_COUNT={count!r} is not a number.")
        return [environ.get(f"{name}_{index}", "") for index in range(int(count))]
    raw = environ.get(name, "").strip()
    return shlex.split(raw) if raw else []


def plan(environ: Mapping[str, str]) -> PipeRun:
    """The `dbops` argument lists for these pipe variables."""
    common: list[str] = []
    for variable, option in (
        ("CONFIG", "--config"),
        ("POLICY", "--policy"),
        ("DIALECT", "--dialect"),
        ("SELECT", "--select"),
    ):
        value = environ.get(variable, "").strip()
        if value:
            common += [option, value]
    if flag(environ, "CHANGED", False):
        common.append("--changed")
        base = environ.get("BASE", "").strip() or _pr_destination(environ)
        if base:
            common += ["--base", base]
    common += values(environ, "EXTRA_ARGS")
    if flag(environ, "DEBUG", False):
        common.append("--debug")
    paths = values(environ, "MIGRATIONS")
    commands: list[tuple[str, ...]] = []
    test_results = environ.get("TEST_RESULTS", DEFAULT_TEST_RESULTS).strip()
    if test_results and test_results.lower() not in _FALSE:
        junit = ("check", *paths, *common, "--format", "junit", "--output", test_results)
        commands.append((*junit, "--no-publish"))
    review = ["check", *paths, *common]
    if not flag(environ, "PUBLISH", True):
        review.append("--no-publish")
    commands.append(tuple(review))
    directory = environ.get("BITBUCKET_CLONE_DIR", "").strip() or None
    return PipeRun(tuple(commands), directory)


def _pr_destination(environ: Mapping[str, str]) -> str:
    branch = environ.get("BITBUCKET_PR_DESTINATION_BRANCH", "").strip()
    return f"origin/{branch}" if branch else ""


def main(run: Callable[[Sequence[str]], int] | None = None) -> int:
    """Run the pipe from the environment; returns the review's exit code (2 when the pipe
    variables are wrong)."""
    if run is None:
        from dbops.cli.app import run as run_dbops

        run = run_dbops
    try:
        pipe_run = plan(os.environ)
    except ConfigError as exc:
        print(f"dbops pipe: error: {exc.message}", file=sys.stderr)
        return 2
    if pipe_run.directory:
        os.chdir(pipe_run.directory)
    if os.environ.get("BITBUCKET_BUILD_NUMBER"):
        os.environ.setdefault("DBOPS_BITBUCKET_PROXY", PIPE_PROXY)
    code = 0
    for command in pipe_run.commands:
        print("+ dbops " + shlex.join(command), file=sys.stderr)
        code = run(command)
        if code >= 2:  # a usage or config error: the next run would only repeat it
            return code
    return code


if __name__ == "__main__":
    sys.exit(main())
