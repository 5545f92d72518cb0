"""What dbops tells Bytebase about a release: its id template, where it came from, and the
check that the files still match a release manifest. Pure: the environment is passed in."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from dbops.adapters.bytebase.models import VcsSource
from dbops.core.migrations import MigrationSet
from dbops.errors import InputError


def short_commit(environ: Mapping[str, str]) -> str:
    return environ.get("BITBUCKET_COMMIT", "")[:7]


def render_release_template(template: str | None, environ: Mapping[str, str]) -> str | None:
    """dbops adds `{commit}` (7 characters, `local` outside Pipelines) to the variables Bytebase
    fills in itself ({date}, {time}, {timestamp}, {iteration})."""
    if not template:
        return None
    return template.replace("{commit}", short_commit(environ) or "local")


def vcs_source(environ: Mapping[str, str]) -> VcsSource | None:
    """The Bitbucket commit the release is built from, when running in Pipelines."""
    commit = environ.get("BITBUCKET_COMMIT", "")
    origin = environ.get("BITBUCKET_GIT_HTTP_ORIGIN", "")
    if not origin and environ.get("BITBUCKET_WORKSPACE") and environ.get("BITBUCKET_REPO_SLUG"):
        origin = (
            f"https://bitbucket.org/{environ['BITBUCKET_WORKSPACE']}/"
            f"{environ['BITBUCKET_REPO_SLUG']}"
        )
    if not commit or not origin:
        return None
    origin = origin.rstrip("/").removesuffix(".git").replace("http://", "https://", 1)
    return VcsSource(vcs_type="BITBUCKET", url=f"{origin}/commits/{commit}")


def verify_manifest(path: Path, migrations: MigrationSet) -> str:
    """Fail before anything runs when the files differ from the release manifest; returns the
    manifest's release id. Reads `migrations` (or `files`) entries with `version` and
    `checksum` (`sha256:…`, or a bare `sha256`)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise InputError(f"{path}: cannot read the release manifest ({error}).") from None
    entries = data.get("migrations", data.get("files")) if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise InputError(f"{path}: not a release manifest (no 'migrations' list).")
    expected = {str(entry.get("version")): _checksum(entry) for entry in entries}
    actual = {str(migration.version): migration for migration in migrations}
    problems: list[str] = []
    for version, checksum in expected.items():
        migration = actual.get(version)
        if migration is None:
            problems.append(f"version {version} is missing from the migrations folder")
        elif checksum and checksum != migration.checksum:
            problems.append(f"{migration.path} (version {version}) changed since the release")
    problems += [
        f"{migration.path} (version {version}) is not in the release"
        for version, migration in actual.items()
        if version not in expected
    ]
    if problems:
        raise InputError(
            f"{path}: the migrations do not match this release manifest: {'; '.join(problems)}. "
            f"Roll out the commit the release was made from, or make a new release."
        )
    return str(data.get("id") or data.get("release") or "")


def _checksum(entry: Any) -> str:
    if not isinstance(entry, dict):
        return ""
    value = str(entry.get("checksum") or entry.get("sha256") or "")
    return value if not value or ":" in value else f"sha256:{value}"
