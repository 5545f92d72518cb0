"""Code Insights: the `dbops-review` report on a commit and its annotations.

A run replaces what an earlier run on the same commit left: the report is deleted first
(Bitbucket deletes its annotations with it), created again, and the annotations are posted in
batches of at most 100, the API's limit per request.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dbops.adapters.bitbucket import paths
from dbops.adapters.bitbucket.client import BitbucketClient
from dbops.publish.insights import Annotation, InsightsReport

BATCH_SIZE = 100


@dataclass(frozen=True)
class InsightsOutcome:
    result: str
    annotations: int


def publish_insights(
    client: BitbucketClient,
    workspace: str,
    repo_slug: str,
    commit: str,
    report: InsightsReport,
    annotations: Sequence[Annotation],
) -> InsightsOutcome:
    report_path = paths.commit_report(workspace, repo_slug, commit, report.external_id)
    what = (
        f"Code Insights report {report.external_id} on commit {commit[:12]} of "
        f"{workspace}/{repo_slug}"
    )
    client.request("DELETE", report_path, what=what, scope="repository", missing_ok=True)
    client.request("PUT", report_path, what=what, scope="repository", body=report_payload(report))
    annotations_path = paths.report_annotations(workspace, repo_slug, commit, report.external_id)
    for start in range(0, len(annotations), BATCH_SIZE):
        batch = annotations[start : start + BATCH_SIZE]
        client.request(
            "POST",
            annotations_path,
            what=f"annotations of {what}",
            scope="repository",
            body=[annotation_payload(annotation) for annotation in batch],
        )
    return InsightsOutcome(report.result, len(annotations))


def report_payload(report: InsightsReport) -> dict[str, Any]:
    return {
        "type": "report",
        "title": report.title,
        "details": report.details,
        "external_id": report.external_id,
        "reporter": report.reporter,
        "report_type": report.report_type,
        "result": report.result,
    }


def annotation_payload(annotation: Annotation) -> dict[str, Any]:
    return {
        "type": "report_annotation",
        "external_id": annotation.external_id,
        "annotation_type": annotation.annotation_type,
        "path": annotation.path,
        "line": annotation.line,
        "summary": annotation.summary,
        "details": annotation.details,
        "severity": annotation.severity,
        "result": annotation.result,
    }
