"""Layouts where each migration is one file and its rollback another: dbops' own, Flyway,
golang-migrate and diesel."""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence

from dbops.core.migrations import (
    DOWN_SUFFIX,
    REPEATABLE_MAJOR,
    LayoutFacts,
    MigrationFile,
    read_migration,
)
from dbops.core.versions import Version, description_from_name
from dbops.errors import InputError
from dbops.layouts.files import SourceFile, human, version_of


def read_dbops(files: Sequence[SourceFile]) -> list[MigrationFile]:
    """`<version>_name.sql`, its rollback `<version>_name.down.sql` next to it."""
    down_files = {file.name: file for file in files if file.name.endswith(DOWN_SUFFIX)}
    migrations = []
    for file in files:
        if file.name.endswith(DOWN_SUFFIX):
            continue
        down = down_files.pop(file.name.removesuffix(".sql") + DOWN_SUFFIX, None)
        migrations.append(
            read_migration(
                file.shown, file.name, file.content, (down.shown, down.content) if down else None
            )
        )
    if down_files:
        orphan = next(iter(down_files.values()))
        raise InputError(
            f"{orphan.shown}: rollback file without a migration of the same name "
            f"(expected {orphan.name.removesuffix(DOWN_SUFFIX)}.sql next to it)."
        )
    return migrations


_FLYWAY = re.compile(r"^(?P<kind>[VU])(?P<version>\d+(?:[._]\d+)*)__(?P<rest>.*)\.sql$")
_REPEATABLE = re.compile(r"^R__(?P<rest>.*)\.sql$")


def read_flyway(files: Sequence[SourceFile]) -> list[MigrationFile]:
    """`V<version>__name.sql` versioned, `U<version>__name.sql` its undo (the rollback),
    `R__name.sql` repeatable: run after the versioned ones, again whenever it changes."""
    undo: dict[Version, SourceFile] = {}
    versioned: list[tuple[SourceFile, Version]] = []
    repeatable: list[SourceFile] = []
    for file in files:
        match = _FLYWAY.match(file.name)
        if match:
            version = version_of(match.group("version"), file)
            if match.group("kind") == "U":
                undo[version] = file
            else:
                versioned.append((file, version))
        elif _REPEATABLE.match(file.name):
            repeatable.append(file)
        else:
            raise InputError(
                f"{file.shown}: not a Flyway migration name: versioned 'V1__name.sql', undo "
                f"'U1__name.sql' or repeatable 'R__name.sql' (or move it out of the folder)."
            )
    migrations = []
    for file, version in versioned:
        down = undo.pop(version, None)
        pair = (down.shown, down.content) if down else None
        hint = LayoutFacts(version, description_from_name(file.name),
                           rollback_hint="U" + file.name[1:])  # fmt: skip
        migrations.append(read_migration(file.shown, file.name, file.content, pair, hint))
    if undo:
        orphan = next(iter(undo.values()))
        raise InputError(f"{orphan.shown}: undo migration without a V migration of its version.")
    for file in repeatable:
        rest = _REPEATABLE.match(file.name).group("rest")  # type: ignore[union-attr]
        code = zlib.crc32(file.name.encode("utf-8"))
        version = Version(f"{REPEATABLE_MAJOR}.{code}", (REPEATABLE_MAJOR, code))
        facts = LayoutFacts(version, f"R__{rest}", repeatable=True)
        migrations.append(read_migration(file.shown, file.name, file.content, None, facts))
    return migrations


_GOLANG = re.compile(r"^(?P<version>\d+)_(?P<title>.*)\.(?P<direction>up|down)\.sql$")


def read_golang_migrate(files: Sequence[SourceFile]) -> list[MigrationFile]:
    """`<version>_title.up.sql` and `<version>_title.down.sql`."""
    ups: dict[str, tuple[SourceFile, str, str]] = {}
    downs: dict[str, SourceFile] = {}
    for file in files:
        match = _GOLANG.match(file.name)
        if match is None:
            raise InputError(
                f"{file.shown}: not a golang-migrate name ('000001_create_users.up.sql' or "
                f"'.down.sql'); rename it or move it out of the migrations folder."
            )
        key = file.relative.rpartition("/")[0] + "/" + match.group("version")
        if match.group("direction") == "up":
            ups[key] = (file, match.group("version"), match.group("title"))
        else:
            downs[key] = file
    migrations = []
    for key, (file, version, title) in ups.items():
        down = downs.pop(key, None)
        hint = file.name.removesuffix(".up.sql") + ".down.sql"
        facts = LayoutFacts(version_of(version, file), human(title), rollback_hint=hint)
        pair = (down.shown, down.content) if down else None
        migrations.append(read_migration(file.shown, file.name, file.content, pair, facts))
    if downs:
        orphan = next(iter(downs.values()))
        raise InputError(f"{orphan.shown}: down migration without its .up.sql.")
    return migrations


_DIESEL = re.compile(r"^(?P<stamp>\d[\d-]*)_(?P<name>[^/]+)$")
_NO_TRANSACTION = re.compile(r"^\s*run_in_transaction\s*=\s*false\s*$", re.MULTILINE)


def read_diesel(files: Sequence[SourceFile]) -> list[MigrationFile]:
    """`<timestamp>_name/up.sql` and `down.sql` (and `metadata.toml`'s
    `run_in_transaction = false`), diesel's version being the timestamp's digits."""
    folders: dict[str, dict[str, SourceFile]] = {}
    for file in files:
        folder, _, name = file.relative.rpartition("/")
        if name not in ("up.sql", "down.sql", "metadata.toml") or not folder:
            raise InputError(
                f"{file.shown}: diesel migrations are '<timestamp>_name/up.sql' and 'down.sql'; "
                f"move this file out of the migrations folder."
            )
        folders.setdefault(folder, {})[name] = file
    migrations = []
    for folder, parts in folders.items():
        leaf = folder.rsplit("/", 1)[-1]
        match = _DIESEL.match(leaf)
        up = parts.get("up.sql")
        if match is None or up is None:
            shown = next(iter(parts.values())).shown
            raise InputError(
                f"{shown}: a diesel migration folder is '<timestamp>_name' with up.sql."
            )
        metadata = parts.get("metadata.toml")
        no_transaction = bool(metadata and _NO_TRANSACTION.search(metadata.content.decode()))
        version = version_of(match.group("stamp").replace("-", ""), up)
        facts = LayoutFacts(version, human(match.group("name")), no_transaction=no_transaction,
                            down_no_transaction=no_transaction,
                            rollback_hint=f"{leaf}/down.sql")  # fmt: skip
        down = parts.get("down.sql")
        pair = (down.shown, down.content) if down else None
        migrations.append(read_migration(up.shown, f"{leaf}/up.sql", up.content, pair, facts))
    return migrations
