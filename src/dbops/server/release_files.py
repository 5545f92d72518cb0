"""Migration files as the files of a Bytebase release. Pure."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from dbops.adapters.bytebase.models import Release, ReleaseFile
from dbops.core.migrations import MigrationFile

RELEASE_TYPE = "VERSIONED"


def release_path(migration: MigrationFile, cwd: Path, root: Path) -> str:
    """The file's path relative to the project root, `/`-separated: the same on every runner,
    so the server recognises an applied file by it."""
    absolute = (cwd / migration.path).resolve()
    try:
        return PurePosixPath(absolute.relative_to(root.resolve())).as_posix()
    except ValueError:
        return PurePosixPath(Path(migration.path)).as_posix()


def release_of(migrations: Iterable[MigrationFile], cwd: Path, root: Path) -> Release:
    return Release(
        type=RELEASE_TYPE,
        files=[
            ReleaseFile(
                path=release_path(migration, cwd, root),
                version=str(migration.version),
                statement=migration.text.encode("utf-8"),
            )
            for migration in migrations
        ],
    )
