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
    """A console that never lets a control character from users' text (a file name, an
    identifier, a driver's message) reach the terminal: every text segment is escaped with
    `printable` as it is written; rich's own styling and cursor control stay as they are."""
    from collections.abc import Iterable

    from rich.console import Console
    from rich.segment import Segment

    from dbops.report.text_safety import printable

    class SafeConsole(Console):
        def _render_buffer(self, buffer: Iterable[Segment]) -> str:
            safe = (
                segment if segment.control else Segment(printable(segment.text), segment.style)
                for segment in buffer
            )
            return super()._render_buffer(safe)

    stream = sys.stderr if stderr else sys.stdout
    plain = no_color or "NO_COLOR" in os.environ
    return SafeConsole(
        file=stream,
        no_color=plain,
        highlight=False,
        soft_wrap=True,
        force_terminal=False if plain else None,
        width=None if stream.isatty() else 200,
    )
