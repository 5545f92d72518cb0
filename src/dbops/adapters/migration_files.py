"""Reading migration files from disk into the pure migration model."""

from __future__ import annotations

import os
from pathlib import Path

from dbops.core.migrations import MigrationSet
from dbops.errors import InputError
from dbops.layouts import SQITCH_PLAN, SourceFile, detect_layout, read_layout


def display_path(path: Path, cwd: Path | None = None) -> str:
    """A path as users should see it: relative to the working directory when below it."""
    base = (cwd or Path.cwd()).resolve()
    resolved = absolute(path)
    try:
        return resolved.relative_to(base).as_posix()
    except ValueError:
        return resolved.as_posix()


def absolute(path: Path) -> Path:
    """`path` resolved, except that a symlink keeps its own name and folder: a migration that
    links to a file elsewhere is still that migration, where the folder lists it."""
    if not path.is_symlink():
        return path.resolve()
    return path.absolute().parent.resolve() / path.name


def load_migrations(
    folder: Path, cwd: Path | None = None, layout: str | None = None
) -> MigrationSet:
    """Every `*.sql` under `folder` (recursively) read in `layout` (detected when None): see
    dbops.layouts."""
    return MigrationSet.of(read_layout(layout, read_sources(folder, cwd)))


def folder_layout(folder: Path, layout: str | None, cwd: Path | None = None) -> str:
    """The layout of the folder: as configured, else detected from its files."""
    if layout is not None:
        return layout
    return detect_layout(read_sources(folder, cwd)) if folder.is_dir() else "dbops"


def read_sources(folder: Path, cwd: Path | None = None) -> list[SourceFile]:
    """The files of a migrations folder a layout may read."""
    if not folder.is_dir():
        raise InputError(
            f"{display_path(folder, cwd)}: migrations folder not found. Create it, or set "
            f"'migrations:' in dbops.yaml to the folder that holds your migration files."
        )
    # Resolved once here, not per file: 1,000 files would cost 2,000 realpath walks.
    base, folder = (cwd or Path.cwd()).resolve(), absolute(folder)
    sql_files = sorted(path for path in folder.rglob("*.[sS][qQ][lL]") if path.is_file())
    for path in sql_files:
        if path.suffix != ".sql":  # never skipped silently: a `.SQL` file would not run
            raise InputError(
                f"{_below(path, base)}: migration files end in '.sql' in lower case; rename it "
                f"to {path.stem}.sql (or move it out of the migrations folder)."
            )
    # What other layouts keep beside their SQL: Sqitch's plan, diesel's per-migration options.
    extras = [path for path in (folder / SQITCH_PLAN,) if path.is_file()]
    extras += sorted(folder.glob("*/metadata.toml"))
    return [_source(path, folder, base) for path in [*sql_files, *extras]]


def _source(path: Path, folder: Path, base: Path) -> SourceFile:
    shown = _below(path, base)
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{shown}: cannot be read ({os.strerror(exc.errno or 0)}).") from None
    return SourceFile(path.relative_to(folder).as_posix(), shown, content)


def _below(path: Path, base: Path) -> str:
    """display_path for a path found under an already resolved folder."""
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()
