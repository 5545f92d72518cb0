"""Rich consoles: stdout for reports, stderr for logs and progress; plain with --no-color."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # rich is imported when something is printed, not by every command
    from rich.console import Console


def in_ci() -> bool:
    return (
        os.environ.get("CI", "").lower() in ("1", "true", "yes")
        or "BITBUCKET_BUILD_NUMBER" in os.environ
    )


def make_console(*, stderr: bool, no_color: bool = False) -> Console:
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    plain = no_color or "NO_COLOR" in os.environ
    return Console(
        file=stream,
        no_color=plain,
        highlight=False,
        soft_wrap=True,
        force_terminal=False if plain else None,
        width=None if stream.isatty() else 200,
    )
