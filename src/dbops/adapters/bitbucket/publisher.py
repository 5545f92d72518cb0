"""`dbops check` in a pull-request pipeline: the comment and the Code Insights report.

The comment needs credentials (DESIGN §4); without them it is skipped with a warning. Code
Insights go through the Pipelines proxy when in Pipelines, else through the API with the same
credentials. Each part is tried even when the other failed; failures are gathered into one
PublishError. `publish_from_cli` is what `dbops check` calls: it never raises, because a
publishing failure must never hide the review or change its exit code.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from dbops.adapters.bitbucket.client import (
    client_from_environment,
    credentials_from_environment,
    insights_client_from_environment,
    policy_from_environment,
)
from dbops.adapters.bitbucket.comments import upsert_review_comment
from dbops.adapters.bitbucket.errors import CREDENTIAL_CHOICES
from dbops.adapters.bitbucket.insights import publish_insights
from dbops.adapters.http_retry import RetryPolicy
from dbops.core.review import ReviewResult
from dbops.errors import ConfigError, DbopsError, PublishError
from dbops.publish.comment import render_comment
from dbops.publish.diff_links import DiffLinks
from dbops.publish.insights import build_annotations, build_report

Say = Callable[[str], None]


@dataclass(frozen=True)
class PullRequestTarget:
    workspace: str
    repo_slug: str
    pr_id: int
    commit: str | None


def target_from_environment(environ: Mapping[str, str]) -> PullRequestTarget:
    missing = [
        name
        for name in ("BITBUCKET_WORKSPACE", "BITBUCKET_REPO_SLUG", "BITBUCKET_PR_ID")
        if not environ.get(name, "").strip()
    ]
    if missing:
        raise ConfigError(
            f"{', '.join(missing)} not set: dbops cannot tell which pull request to report to. "
            f"Bitbucket Pipelines sets them in pull-request pipelines; elsewhere set them, or "
            f"pass --no-publish."
        )
    raw_id = environ["BITBUCKET_PR_ID"].strip()
    if not raw_id.isdigit():
        raise ConfigError(f"BITBUCKET_PR_ID={raw_id!r} is not a pull request number.")
    return PullRequestTarget(
        workspace=environ["BITBUCKET_WORKSPACE"].strip(),
        repo_slug=environ["BITBUCKET_REPO_SLUG"].strip(),
        pr_id=int(raw_id),
        commit=environ.get("BITBUCKET_COMMIT", "").strip() or None,
    )


def publish_review(
    result: ReviewResult,
    failed: bool,
    environ: Mapping[str, str],
    say: Say,
    policy: RetryPolicy | None = None,
) -> None:
    """Post or update the PR comment and the Code Insights report; raise PublishError listing
    what failed (after trying everything)."""
    target = target_from_environment(environ)
    # One policy for every request: DBOPS_PUBLISH_BUDGET bounds the comment and the report
    # together, not each.
    policy = policy or policy_from_environment(environ)
    in_pipelines = bool(environ.get("BITBUCKET_BUILD_NUMBER", "").strip())
    has_credentials = credentials_from_environment(environ) is not None
    failures: list[str] = []

    def on_retry(message: str, _delay: float) -> None:
        say(message)

    if not has_credentials:
        say(f"warning: no Bitbucket credentials, so no PR comment; set {CREDENTIAL_CHOICES}.")
    else:
        try:
            with client_from_environment(environ, policy=policy, on_retry=on_retry) as client:
                links = DiffLinks(target.workspace, target.repo_slug, target.pr_id)
                body = render_comment(result, links=links)
                outcome = upsert_review_comment(
                    client, target.workspace, target.repo_slug, target.pr_id, body
                )
            say(f"PR #{target.pr_id}: review comment {outcome.action} (id {outcome.comment_id}).")
        except DbopsError as exc:
            failures.append(f"PR comment: {exc.message}")

    if target.commit is None:
        say("warning: BITBUCKET_COMMIT is not set, so no Code Insights report.")
    elif not (in_pipelines or has_credentials):
        say("warning: no Bitbucket credentials outside Pipelines, so no Code Insights report.")
    else:
        try:
            annotations, omitted = build_annotations(result)
            report = build_report(result, failed, omitted)
            with insights_client_from_environment(
                environ, policy=policy, on_retry=on_retry
            ) as client:
                done = publish_insights(
                    client, target.workspace, target.repo_slug, target.commit, report, annotations
                )
            say(
                f"Code Insights: report {report.external_id} {done.result} with "
                f"{done.annotations} annotation(s) on {target.commit[:12]}."
            )
        except DbopsError as exc:
            failures.append(f"Code Insights: {exc.message}")

    if failures:
        raise PublishError(" ".join(failures))


def publish_from_cli(
    result: ReviewResult, failed: bool, environ: Mapping[str, str], say: Say
) -> bool:
    """Publish and report any failure through `say`; True when everything was published."""
    try:
        publish_review(result, failed, environ, say)
    except DbopsError as exc:
        say(f"warning: publishing to Bitbucket failed (the review result stands): {exc.message}")
        return False
    except Exception as exc:  # a bug here must not hide the review or change its exit code
        say(
            f"warning: publishing to Bitbucket failed with an internal error "
            f"({type(exc).__name__}: {exc}); the review result stands. Please report it."
        )
        return False
    return True


def publish_to_pull_request(
    result: ReviewResult, failed: bool, quiet: bool, environ: Mapping[str, str] | None = None
) -> bool:
    """`dbops check`'s last step in a PR pipeline: progress and warnings on stderr (only
    warnings with --quiet); True when everything was published."""
    import os
    import sys

    from dbops.report.text_safety import printable

    def say(message: str) -> None:
        if not quiet or message.startswith("warning"):
            print(f"dbops: {printable(message)}", file=sys.stderr)

    return publish_from_cli(result, failed, os.environ if environ is None else environ, say)
