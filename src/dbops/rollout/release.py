"""Release manifests: the ordered migrations of a release with their checksums (DESIGN §5).

A manifest made once (`dbops release create`) and passed to every environment's rollout
guarantees that prod gets exactly what test got: a file changed since is an error before
anything runs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from dbops.core.migrations import MigrationFile, MigrationSet
from dbops.core.versions import Version, version_from_text
from dbops.errors import InputError

MANIFEST_FORMAT = 1


@dataclass(frozen=True)
class ReleaseEntry:
    """One migration of a release: version as written, file name, content checksum."""

    version: str
    name: str
    checksum: str

    @property
    def parsed_version(self) -> Version:
        return version_from_text(self.version)


@dataclass(frozen=True)
class Release:
    id: str
    commit: str
    created_at: str
    entries: tuple[ReleaseEntry, ...]

    def versions(self) -> tuple[str, ...]:
        return tuple(entry.version for entry in self.entries)


def default_release_id(now: datetime, commit: str) -> str:
    """`release_<yyyymmdd>-<commit7>`, the id DESIGN §5 gives a release by default."""
    short = commit[:7] if commit else "nocommit"
    return f"release_{now:%Y%m%d}-{short}"


def build_release(migrations: MigrationSet, release_id: str, commit: str, now: datetime) -> Release:
    entries = tuple(
        ReleaseEntry(
            version=migration.version.text, name=migration.name, checksum=migration.checksum
        )
        for migration in migrations
    )
    return Release(id=release_id, commit=commit, created_at=now.isoformat(), entries=entries)


def release_to_json(release: Release) -> str:
    document = {
        "format": MANIFEST_FORMAT,
        "id": release.id,
        "commit": release.commit,
        "created_at": release.created_at,
        "migrations": [
            {"version": entry.version, "file": entry.name, "sha256": entry.checksum}
            for entry in release.entries
        ],
    }
    return json.dumps(document, indent=2) + "\n"


def release_from_json(text: str, source: str) -> Release:
    """Parse a manifest; every problem names `source` and what is wrong with it."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{source}:{exc.lineno}: not a release manifest (invalid JSON: {exc.msg}). Create "
            f"it with `dbops release create --output {source}`."
        ) from None
    if not isinstance(document, dict) or document.get("format") != MANIFEST_FORMAT:
        raise InputError(
            f"{source}: not a dbops release manifest of format {MANIFEST_FORMAT}. Create it with "
            f"`dbops release create --output {source}`."
        )
    try:
        entries = tuple(_entry(item) for item in document["migrations"])
        return Release(
            id=str(document["id"]),
            commit=str(document.get("commit", "")),
            created_at=str(document.get("created_at", "")),
            entries=entries,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(
            f"{source}: release manifest is incomplete or malformed ({exc}). Create it again with "
            f"`dbops release create`."
        ) from None


def _entry(item: Any) -> ReleaseEntry:
    version = version_from_text(str(item["version"])).text
    checksum = str(item["sha256"])
    if not checksum.startswith("sha256:"):
        raise ValueError(f"checksum of {item['file']} must start with 'sha256:'")
    return ReleaseEntry(version=version, name=str(item["file"]), checksum=checksum)


def release_migrations(release: Release, migrations: MigrationSet, source: str) -> MigrationSet:
    """The files of `release` as they are on disk; a missing or changed file is an error.

    Files on disk that are not in the release are left out: they belong to a later release.
    """
    on_disk = {migration.version.text: migration for migration in migrations}
    by_parts = {migration.version.parts: migration for migration in migrations}
    selected: list[MigrationFile] = []
    problems: list[str] = []
    for entry in release.entries:
        migration = on_disk.get(entry.version) or by_parts.get(entry.parsed_version.parts)
        if migration is None:
            problems.append(f"{entry.name} (version {entry.version}) is missing")
        elif migration.checksum != entry.checksum:
            problems.append(f"{migration.path} changed since the release was made")
        else:
            selected.append(migration)
    if problems:
        raise InputError(
            f"{source}: release {release.id} does not match the migrations on disk: "
            f"{'; '.join(problems)}. A released migration must never change: add a new "
            f"migration instead, or create a new release."
        )
    return MigrationSet.of(selected)
