"""Reading migration files from disk into the pure migration model."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from dbops.core.migrations import MigrationFile, MigrationSet
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
    migrations = MigrationSet.of(read_layout(layout, read_sources(folder, cwd)))
    for migration in migrations:
        refuse_unstorable_version(migration)
    return migrations


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
    sql_files = sorted(migration_entries(folder, base))
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


# The history tables keep a version in VARCHAR(100) (PostgreSQL, MySQL/MariaDB).
MAX_VERSION_CHARS = 100


def refuse_unstorable_version(migration: MigrationFile) -> None:
    """A version no target engine can store, or SQL text none accepts (a NUL character), is
    refused when the folder is read (at check time), not by the database mid-rollout."""
    if "\x00" in migration.text:
        line = migration.text.count("\n", 0, migration.text.index("\x00")) + 1
        raise InputError(
            f"{migration.path}:{line}: holds a NUL character, which no database accepts in SQL "
            f"text; remove it (a binary file, or a file saved as UTF-16?)."
        )
    if len(migration.version.text) > MAX_VERSION_CHARS:
        raise InputError(
            f"{migration.path}: the version is {len(migration.version.text)} characters long; "
            f"the history tables keep at most {MAX_VERSION_CHARS}. Use a shorter version "
            f"(a number or a timestamp such as 20260101120000)."
        )


def migration_entries(folder: Path, base: Path) -> list[Path]:
    """Every `*.sql` entry under `folder` that is a readable regular file (or a link to one).

    Anything else with such a name (a dangling symlink, a symlink loop, a directory, a FIFO, a
    socket) is an error naming it, never skipped: skipping it would lose a migration without a
    word, and opening a FIFO would hang."""
    found = []
    for path in folder.rglob("*.[sS][qQ][lL]"):
        problem = _not_a_file(path)
        if problem is not None:
            raise InputError(
                f"{_below(path, base)}: named like a migration but {problem}; nothing was read "
                f"or applied. Make it a regular file, or move it out of the migrations folder."
            )
        found.append(path)
    return found


def _not_a_file(path: Path) -> str | None:
    """Why `path` cannot be read as a migration file, or None when it can."""
    try:
        mode = path.stat().st_mode  # follows symlinks
    except OSError as exc:
        if path.is_symlink():
            loop = exc.errno == errno.ELOOP
            return "is a symlink loop" if loop else "is a symlink to nothing (dangling)"
        return f"cannot be read ({os.strerror(exc.errno or 0)})"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a directory"
    if stat.S_ISFIFO(mode):
        return "is a FIFO (named pipe)"
    return "is not a regular file (a socket or a device)"


def _below(path: Path, base: Path) -> str:
    """display_path for a path found under an already resolved folder."""
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()
