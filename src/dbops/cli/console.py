"""Rich consoles: stdout for reports, stderr for logs and progress; plain with --no-color."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def progress_after(message: str, delay: float = 1.0) -> Iterator[None]:
    """A spinner on stderr with `message` once the work inside has taken `delay` seconds: on
    a terminal only, never in CI or when stderr is a file (a log stays what it was)."""
    if in_ci() or not sys.stderr.isatty() or "NO_COLOR" in os.environ:
        yield
        return
    console = make_console(stderr=True)
    status = console.status(message, spinner="dots")
    lock = threading.Lock()
    started = False

    def start() -> None:
        nonlocal started
        with lock:
            status.start()
            started = True

    timer = threading.Timer(delay, start)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            if started:
                status.stop()
