"""`dbops release create`, and how every rollout command finds its release and targets.

The clock, the environment and git are passed in (`Runtime`), so tests and the benchmark decide
what time it is and which commit is being released.
"""

from __future__ import annotations

import functools
import getpass
import os
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from dbops.adapters.config_file import Project
from dbops.adapters.databases import open_target
from dbops.adapters.databases.base import TargetDatabase, utc_now
from dbops.adapters.migration_files import display_path, load_migrations
from dbops.config import Environment, Target, require_resolved
from dbops.core.migrations import MigrationSet
from dbops.errors import DbopsError, InputError
from dbops.rollout.release import (
    Release,
    build_release,
    default_release_id,
    release_from_json,
    release_migrations,
    release_to_json,
)


def git_head(root: Path) -> str:
    """The checked-out commit, or "" outside a git repository."""
    try:
        completed = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return completed.stdout.strip() if completed.returncode == 0 else ""


@dataclass(frozen=True)
class Runtime:
    """The outside world a rollout command reads: environment variables, clock, git, cwd."""

    environ: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    clock: Callable[[], datetime] = utc_now
    head_commit: Callable[[Path], str] = git_head
    cwd: Path = field(default_factory=Path.cwd)

    def commit(self, root: Path) -> str:
        return self.environ.get("BITBUCKET_COMMIT") or self.head_commit(root)

    def applied_by(self) -> str:
        """Who the history names: in Pipelines, the person who triggered the step (pressed the
        manual prod step), by name when the API tells it, and the build; else the login."""
        build = self.environ.get("BITBUCKET_BUILD_NUMBER")
        if build:
            pipeline = f"bitbucket-pipelines #{build}"
            who = self.environ.get("BITBUCKET_STEP_TRIGGERER_UUID", "").strip()
            if not who:
                return pipeline
            name = _account_name(who, tuple(sorted(self.environ.items())))
            return f"{name} ({who}), {pipeline}" if name else f"{who}, {pipeline}"
        return self.environ.get("USER") or self.environ.get("USERNAME") or _login_name()


@functools.cache
def _account_name(selected_user: str, environ: tuple[tuple[str, str], ...]) -> str | None:
    """The account's display name, or None without credentials or when the API cannot say
    (the history then keeps the UUID): naming the person must never stop a rollout."""
    from dbops.adapters.bitbucket.approvals import display_name
    from dbops.adapters.bitbucket.client import (
        client_from_environment,
        credentials_from_environment,
    )
    from dbops.adapters.http_retry import RetryPolicy

    variables = dict(environ)
    try:
        if credentials_from_environment(variables) is None:
            return None
        policy = RetryPolicy(attempts=2, initial_delay=0.2, max_delay=0.5, timeout=10.0)
        with client_from_environment(variables, policy=policy) as client:
            return display_name(client, selected_user)
    except DbopsError:
        return None


def _login_name() -> str:
    # Containers often run without USER set; the password database still knows the account.
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def create_release(project: Project, runtime: Runtime, release_id: str | None = None) -> Release:
    migrations = load_migrations(project.migrations_dir, runtime.cwd, project.layout)
    commit = runtime.commit(project.root)
    now = runtime.clock()
    return build_release(migrations, release_id or default_release_id(now, commit), commit, now)


def release_document(release: Release) -> str:
    return release_to_json(release)


def resolve_release(
    project: Project, runtime: Runtime, manifest: Path | None
) -> tuple[Release, MigrationSet]:
    """The release to roll out and its migration files, verified against the disk.

    Without a manifest, the migrations on disk are the release (made on the spot).
    """
    if manifest is None:
        migrations = load_migrations(project.migrations_dir, runtime.cwd, project.layout)
        commit = runtime.commit(project.root)
        now = runtime.clock()
        release_id = default_release_id(now, commit)
        return build_release(migrations, release_id, commit, now), migrations
    shown = display_path(manifest, runtime.cwd)
    try:
        text = manifest.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(
            f"{shown}: cannot read the release manifest ({exc.strerror}). Create it with "
            f"`dbops release create --output {shown}`."
        ) from None
    release = release_from_json(text, shown)
    on_disk = load_migrations(project.migrations_dir, runtime.cwd, project.layout)
    return release, release_migrations(release, on_disk, shown)


@dataclass(frozen=True)
class ResolvedTarget:
    name: str
    url: str  # resolved; never shown (use `open().display_url`)
    key: str  # where it is in dbops.yaml

    def open(self, root: Path, runtime: Runtime, *, read_only: bool = False) -> TargetDatabase:
        return open_target(self.url, self.key, root, runtime.clock, read_only=read_only)


def resolve_targets(
    environment_name: str, environment: Environment, only: str | None = None
) -> list[ResolvedTarget]:
    """The environment's targets with their URLs checked for unset `${VAR}`s up front."""
    targets: list[ResolvedTarget] = []
    for index, target in enumerate(environment.targets):
        if only is not None and target.name != only:
            continue
        targets.append(_resolve(environment_name, index, target))
    if only is not None and not targets:
        known = ", ".join(target.name for target in environment.targets) or "none"
        raise InputError(
            f"environment '{environment_name}' has no target '{only}' (known: {known})."
        )
    if not targets:
        raise InputError(
            f"dbops.yaml: environment '{environment_name}' has no targets; add "
            f"`targets: [{{name: ..., url: ...}}]` under environments.{environment_name}."
        )
    return targets


def _resolve(environment_name: str, index: int, target: Target) -> ResolvedTarget:
    key = f"environments.{environment_name}.targets[{index}].url"
    return ResolvedTarget(target.name, require_resolved(target.url, key), key)
