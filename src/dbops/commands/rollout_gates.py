"""Gathering what the gates decide on: required environments' histories, PR approvals, and the
Pipelines deployment environment. The decisions themselves are in dbops.rollout.gates."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from dbops.adapters.config_file import Project
from dbops.commands.release import Runtime, resolve_targets
from dbops.config import Approvals
from dbops.core.migrations import MigrationSet, is_repeatable
from dbops.core.versions import Version
from dbops.errors import DbopsError
from dbops.rollout.gates import (
    GateResult,
    PullRequestLike,
    approvals_gate,
    deployment_gate,
    only_in_pipelines_gate,
    requires_gate,
)
from dbops.rollout.history import HistoryRow, applied_versions
from dbops.rollout.plan import release_fully_applied

# (workspace, repo slug, commit) -> the pull requests that merged the commit, with approvers
ApprovalsSource = Callable[[str, str, str], Sequence[PullRequestLike]]


def bitbucket_approvals(runtime: Runtime) -> ApprovalsSource:
    """The approvals of a commit's pull requests, read from the Bitbucket API."""

    def fetch(workspace: str, repo_slug: str, commit: str) -> Sequence[PullRequestLike]:
        from dbops.adapters.bitbucket.approvals import approvals_for_commit
        from dbops.adapters.bitbucket.client import client_from_environment

        client = client_from_environment(runtime.environ)
        return approvals_for_commit(client, workspace, repo_slug, commit)

    return fetch


def evaluate_gates(
    project: Project,
    environment_name: str,
    migrations: MigrationSet,
    commit: str,
    runtime: Runtime,
    approvals_source: ApprovalsSource | None = None,
    rolled_back_to: Version | None = None,
    *,
    with_requires: bool = True,
) -> list[GateResult]:
    """The gates of every command that changes an environment's targets (rollout, rollback,
    repair, baseline, import-history), on the `migrations` the command touches. A rollback
    (`rolled_back_to`) requires the required environments to be rolled back already. A Bytebase
    server orders environments itself (its stages): `with_requires=False` leaves that to it."""
    environment = project.config.environment(environment_name)
    required = environment.requires if with_requires else []
    results = [_requires(project, name, migrations, runtime, rolled_back_to) for name in required]
    if environment.approvals is not None:
        source = approvals_source or bitbucket_approvals(runtime)
        results.append(_approvals(environment.approvals, commit, runtime, source))
    build = runtime.environ.get("BITBUCKET_BUILD_NUMBER")
    deployment = runtime.environ.get("BITBUCKET_DEPLOYMENT_ENVIRONMENT")
    if environment.only_in_pipelines:
        results.append(only_in_pipelines_gate(environment_name, build, deployment))
    if build:
        results.append(deployment_gate(environment_name, deployment))
    return results


def newer_than(history: Sequence[HistoryRow], version: Version) -> list[str]:
    """Versions still applied above `version` (what a rollback to it would undo)."""
    applied = applied_versions(history)
    return [
        row.version
        for parts, row in sorted(applied.items())
        if parts > version.parts and not is_repeatable(parts)
    ]


def _requires(
    project: Project,
    required: str,
    migrations: MigrationSet,
    runtime: Runtime,
    rolled_back_to: Version | None,
) -> GateResult:
    missing: dict[str, list[str]] = {}
    try:
        targets = resolve_targets(required, project.config.environment(required))
    except DbopsError as exc:
        return requires_gate(required, {"(config)": [f"!{exc.message}"]})
    for target in targets:
        try:
            database = target.open(project.root, runtime, read_only=True)
            try:
                history = database.read_history()
            finally:
                database.close()
        except DbopsError as exc:
            missing[target.name] = [f"!{exc.message}"]
            continue
        if rolled_back_to is None:
            missing[target.name] = release_fully_applied(migrations, history)
        else:
            missing[target.name] = newer_than(history, rolled_back_to)
    lacks = "lacks" if rolled_back_to is None else "still has"
    return requires_gate(required, missing, lacks)


def _approvals(
    approvals: Approvals, commit: str, runtime: Runtime, source: ApprovalsSource
) -> GateResult:
    gate = f"approvals >= {approvals.min}"
    workspace = runtime.environ.get("BITBUCKET_WORKSPACE", "")
    repo_slug = runtime.environ.get("BITBUCKET_REPO_SLUG", "")
    if not (workspace and repo_slug and commit):
        return GateResult(
            gate,
            False,
            "cannot tell which pull request merged this commit: BITBUCKET_WORKSPACE, "
            "BITBUCKET_REPO_SLUG and BITBUCKET_COMMIT (or a git checkout) are needed",
        )
    try:
        pull_requests = source(workspace, repo_slug, commit)
    except DbopsError as exc:
        return GateResult(gate, False, exc.message)
    return approvals_gate(approvals, pull_requests, commit)
