"""Gates a rollout must pass before anything runs (DESIGN §5), decided from data.

Every gate is evaluated and all results are shown together; one failing gate means exit 3 and
nothing applied. The command layer gathers the data (histories of required environments, PR
approvals, the Pipelines deployment environment) and these functions decide.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from dbops.config import Approvals


@dataclass(frozen=True)
class GateResult:
    gate: str
    passed: bool
    detail: str


class ApproverLike(Protocol):
    @property
    def uuid(self) -> str: ...
    @property
    def account_id(self) -> str | None: ...
    @property
    def nickname(self) -> str | None: ...
    @property
    def display_name(self) -> str | None: ...


class PullRequestLike(Protocol):
    @property
    def pr_id(self) -> int: ...
    @property
    def state(self) -> str: ...
    @property
    def approvers(self) -> Sequence[ApproverLike]: ...


def requires_gate(
    environment: str, missing_by_target: Mapping[str, Sequence[str]], lacks: str = "lacks"
) -> GateResult:
    """`requires: [env]`: every target of `env` is where this command leaves its own targets
    (a rollout: every version of the release applied; a rollback: no version newer than the
    one rolled back to).

    `missing_by_target` maps each target of the required environment to the versions it
    `lacks` (or `still has`), or to one error message (prefixed `!`) when its history could
    not be read.
    """
    gate = f"requires {environment}"
    if not missing_by_target:
        return GateResult(gate, False, f"environment '{environment}' has no targets to check")
    problems = []
    for target, missing in missing_by_target.items():
        if missing and missing[0].startswith("!"):
            problems.append(f"{target}: {missing[0][1:]}")
        elif missing:
            shown = ", ".join(missing[:5]) + (
                f" and {len(missing) - 5} more" if len(missing) > 5 else ""
            )
            problems.append(f"{target} {lacks} {shown}")
    if problems:
        return GateResult(gate, False, "; ".join(problems))
    done = "release applied" if lacks == "lacks" else "already done"
    return GateResult(gate, True, f"{done} on {len(missing_by_target)} target(s)")


def _matches(approver: ApproverLike, wanted: str) -> bool:
    wanted = wanted.strip()
    if wanted.startswith("{") and wanted.endswith("}"):
        return approver.uuid.lower() == wanted.lower()
    return wanted in (approver.account_id, approver.nickname)


def counted_approvers(pull_request: PullRequestLike, approvals: Approvals) -> list[str]:
    """Approvers that count: anyone when `from` is empty, else those matching a `from` entry
    (a `{uuid}`, an account id or a nickname)."""
    names = []
    for approver in pull_request.approvers:
        if not approvals.from_ or any(_matches(approver, wanted) for wanted in approvals.from_):
            names.append(approver.nickname or approver.display_name or approver.uuid)
    return sorted(set(names))


def approvals_gate(
    approvals: Approvals, pull_requests: Sequence[PullRequestLike], commit: str
) -> GateResult:
    gate = f"approvals >= {approvals.min}"
    merged = [pr for pr in pull_requests if pr.state.upper() == "MERGED"]
    if not merged:
        return GateResult(
            gate, False, f"no merged pull request found for commit {commit[:12] or '(unknown)'}"
        )
    best = max(merged, key=lambda pr: len(counted_approvers(pr, approvals)))
    names = counted_approvers(best, approvals)
    who = ", ".join(names) if names else "nobody who counts"
    detail = f"PR #{best.pr_id}: {len(names)} approval(s) by {who}"
    if approvals.from_ and len(names) < approvals.min:
        detail += f" (counted only from: {', '.join(approvals.from_)})"
    return GateResult(gate, len(names) >= approvals.min, detail)


# Bitbucket's default deployment environments are Test, Staging and Production; dbops
# environments are often called test, stage and prod. These spellings name the same thing.
_SAME_ENVIRONMENT = (
    {"prod", "production"},
    {"stage", "staging"},
    {"test", "testing"},
    {"dev", "development"},
)


def _same_environment(left: str, right: str) -> bool:
    a, b = left.strip().lower(), right.strip().lower()
    return a == b or any(a in group and b in group for group in _SAME_ENVIRONMENT)


def deployment_gate(environment: str, deployment: str | None) -> GateResult:
    """In Pipelines, the step's deployment environment must be the one rolled out to."""
    gate = "pipelines deployment"
    if not deployment:
        return GateResult(
            gate,
            False,
            f"this Pipelines step has no deployment environment; give the step "
            f"`deployment: {environment}` so Bitbucket's deployment permissions apply",
        )
    if not _same_environment(environment, deployment):
        return GateResult(gate, False, f"step deploys to '{deployment}', not to '{environment}'")
    return GateResult(gate, True, f"step deploys to '{deployment}'")


def only_in_pipelines_gate(
    environment: str, build: str | None, deployment: str | None
) -> GateResult:
    """`only_in_pipelines: true`: the environment changes only from a Pipelines deployment step,
    so Bitbucket's deployment permissions (who may run the step) always apply."""
    gate = "only in pipelines"
    if build and deployment:
        return GateResult(gate, True, f"Pipelines build #{build}, deployment '{deployment}'")
    where = "a Pipelines step without a deployment environment" if build else "outside Pipelines"
    return GateResult(
        gate,
        False,
        f"environment '{environment}' has `only_in_pipelines: true` and this run is {where}: "
        f"run it from a Bitbucket Pipelines step with `deployment:` (BITBUCKET_BUILD_NUMBER "
        f"and BITBUCKET_DEPLOYMENT_ENVIRONMENT set)",
    )


def gates_passed(results: Sequence[GateResult]) -> bool:
    return all(result.passed for result in results)
