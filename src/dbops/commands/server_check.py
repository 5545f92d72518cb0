"""`dbops check` with a `server:`: the server's review (`releases:check`) of the migrations,
merged into dbops' own review as findings marked `source: bytebase`."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import httpx

from dbops.adapters.bytebase.models import CheckReleaseRequest
from dbops.adapters.bytebase.session import open_session
from dbops.adapters.bytebase.settings import settings_from_config
from dbops.adapters.config_file import Project
from dbops.config import UNRESOLVED_REFERENCE, ServerConfig
from dbops.core.migrations import MigrationSet
from dbops.core.review import ReviewResult
from dbops.errors import ConfigError
from dbops.server.advices import ServerReview, review_from_check
from dbops.server.release_files import release_of


def server_of(project: Project) -> ServerConfig:
    if project.config.server is None:
        raise ConfigError("dbops.yaml has no 'server:'; there is no server to ask.")
    return project.config.server


def server_targets(project: Project, environment: str | None) -> tuple[str, list[str]]:
    """The environment to check against (default: the first one) and its server databases."""
    server = server_of(project)
    known = list(project.config.environments) or list(server.targets)
    name = environment or (known[0] if known else None)
    if name is None:
        raise ConfigError(
            "dbops.yaml: 'server.targets' is empty; name the Bytebase databases of each "
            "environment, e.g. targets: {test: [instances/test/databases/hr_test]}."
        )
    if project.config.environments:
        project.config.environment(name)  # an unknown environment is a ConfigError
    targets = server.targets.get(name, [])
    if not targets:
        raise ConfigError(
            f"dbops.yaml: 'server.targets.{name}' names no Bytebase databases; add them, e.g. "
            f"{name}: [instances/{name}/databases/app]."
        )
    return name, list(targets)


def check_with_server(
    project: Project,
    migrations: MigrationSet,
    selected: Sequence[str] | None,
    *,
    environment: str | None = None,
    cwd: Path | None = None,
    warn: Callable[[str], None] | None = None,
    transport: httpx.BaseTransport | None = None,
) -> ServerReview:
    """Ask the server to review every migration (it needs them all to tell which are already
    applied) and keep the advices on the `selected` files (all when None)."""
    _, targets = server_targets(project, environment)
    if selected is not None and not selected:
        return ServerReview(findings=(), targets=tuple(targets))  # nothing to report on
    unset = _unset_variable(server_of(project))
    if unset and not _in_ci():
        # A laptop or pre-commit run without the server's secrets: dbops' own review stands.
        (warn or _to_stderr)(f"{unset} is not set: the Bytebase review is skipped outside CI.")
        return ServerReview(findings=(), targets=tuple(targets))
    settings = settings_from_config(server_of(project))
    base = cwd or Path.cwd()
    release = release_of(migrations, base, project.root)
    paths = {
        file.path: migration.path for file, migration in zip(release.files, migrations, strict=True)
    }
    client, _ = open_session(settings, warn=warn or _to_stderr, transport=transport)
    with client:
        response = client.check_release(CheckReleaseRequest(release=release, targets=targets))
    review = review_from_check(response, paths, tuple(targets))
    if selected is None:
        return review
    wanted = set(selected)
    return replace(
        review,
        findings=tuple(finding for finding in review.findings if finding.file in wanted),
        risks={path: risk for path, risk in review.risks.items() if path in wanted},
    )


def _unset_variable(server: ServerConfig) -> str | None:
    for value in (server.url, server.service_account, server.service_key, server.access_token):
        match = UNRESOLVED_REFERENCE.search(value or "")
        if match:
            return match.group(1)
    return None


def _in_ci() -> bool:
    ci = os.environ.get("CI", "").lower() in ("1", "true", "yes")
    return ci or "BITBUCKET_BUILD_NUMBER" in os.environ


def _to_stderr(message: str) -> None:
    print(f"dbops: {message}", file=sys.stderr)


def merge_server_review(result: ReviewResult, server: ServerReview) -> ReviewResult:
    """dbops' review with the server's advices added (an advice dbops already reports for the
    same rule and line is not repeated) and each file's risk raised to the server's."""
    own = {(f.file, f.line, f.rule) for f in result.findings}
    extra = [f for f in server.findings if (f.file, f.line, f.rule) not in own]
    merged = result.with_findings(extra)
    files = tuple(
        replace(file, risk=server.risks[file.path])
        if file.path in server.risks and server.risks[file.path].rank > file.risk.rank
        else file
        for file in merged.files
    )
    return replace(merged, files=files)
