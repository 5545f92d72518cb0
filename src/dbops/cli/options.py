"""Options shared by several commands (DESIGN §2: common options)."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    SARIF = "sarif"
    JUNIT = "junit"
    MARKDOWN = "markdown"
    CODECLIMATE = "codeclimate"


ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", "-c", help="dbops.yaml to use (default: nearest in a parent folder)."),
]
FormatOption = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write the report to this file.")
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Only errors on stderr.")]
NoColorOption = Annotated[bool, typer.Option("--no-color", help="Plain text, no colors.")]
DialectOption = Annotated[
    str | None, typer.Option("--dialect", help="SQL dialect (overrides dbops.yaml).")
]
ServerVersionOption = Annotated[
    str | None,
    typer.Option(
        "--server-version",
        help="Server version locks are judged for (15, 8.0, 10.11); default: the newest.",
    ),
]


def write_output(text: str, output: Path | None) -> None:
    """Machine output goes to --output or stdout, never mixed with logs. Control characters
    from users' files are escaped (JSON has escaped them already; markdown and XML have not)."""
    from dbops.report.text_safety import printable

    text = printable(text)
    if output is None:
        typer.echo(text, nl=not text.endswith("\n"))
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        from dbops.errors import UsageError

        reason = os.strerror(exc.errno) if exc.errno else str(exc)
        raise UsageError(
            f"--output {output}: cannot write the report there ({reason}). Give a file path "
            f"in a folder you can write to."
        ) from None
