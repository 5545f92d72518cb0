"""`dbops --help` without importing typer: the text typer printed last time, from the cache.

typer (with its bundled click and pydantic adapters) costs ~80 ms to import, most of the time
`dbops --help` takes. The help of the root command depends only on this dbops (its version and
its command modules' docstrings) and the terminal's width, so the text typer renders is kept in
the cache under a key of exactly those; any change to a command module (its size or mtime)
makes a new key, so a stale help is never shown.
"""

from __future__ import annotations

import io
import os
import sys
import zlib
from collections.abc import Callable
from contextlib import redirect_stdout

from dbops import __version__


def print_root_help(typer_run: Callable[[list[str]], int]) -> int:
    from dbops.adapters.cache_files import read_entry, write_entry

    key = _help_key()
    cached = read_entry("help", key)
    if cached is not None:
        sys.stdout.write(cached.decode("utf-8"))
        return 0
    captured = io.StringIO()
    with redirect_stdout(captured):
        code = typer_run(["--help"])
    text = captured.getvalue()
    sys.stdout.write(text)
    if code == 0:
        write_entry("help", key, text.encode("utf-8"))
    return code


def _help_key() -> str:
    cli = os.path.dirname(__file__)
    stats = []
    with os.scandir(cli) as entries:
        for entry in entries:
            if entry.name.endswith(".py"):
                info = entry.stat()
                stats.append(f"{entry.name}:{info.st_size}:{info.st_mtime_ns}")
    fingerprint = zlib.crc32("|".join(sorted(stats)).encode())
    return f"root-{__version__}-{_terminal_columns()}-{fingerprint:08x}.txt"


def _terminal_columns() -> int:
    """The width click formats help for, found as shutil.get_terminal_size finds it."""
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80
