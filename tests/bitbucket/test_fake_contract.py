"""The fake holds requests to the official OpenAPI document: requests outside it are refused."""

from __future__ import annotations

import httpx

from tests.bitbucket.conftest import PR_ID
from tests.fakes.bitbucket import FakeBitbucket

COMMENTS = f"/repositories/acme/app/pullrequests/{PR_ID}/comments"


def _post(fake: FakeBitbucket, path: str, body: object, **params: str) -> httpx.Response:
    fake.bearer_tokens["t"] = frozenset({"pullrequest"})
    return httpx.post(
        fake.api_url + path, json=body, params=params, headers={"Authorization": "Bearer t"}
    )


def test_a_body_outside_the_schema_is_a_violation(fake: FakeBitbucket) -> None:
    response = _post(fake, COMMENTS, {"content": {"raw": "x", "colour": "red"}})
    assert response.status_code == 400
    assert len(fake.violations) == 1 and "request body" in fake.violations[0]
    fake.violations.clear()


def test_undeclared_query_parameters_and_wrong_path_types_are_violations(
    fake: FakeBitbucket,
) -> None:
    body = {"type": "pullrequest_comment", "content": {"raw": "x"}}
    assert _post(fake, COMMENTS, body, pagelen="5").status_code == 400
    assert _post(fake, COMMENTS.replace(str(PR_ID), "seven"), body).status_code == 400
    assert _post(fake, "/repositories/acme/app/no-such-endpoint", body).status_code == 400
    assert len(fake.violations) == 3
    fake.violations.clear()


def test_a_valid_request_is_served(fake: FakeBitbucket) -> None:
    body = {"type": "pullrequest_comment", "content": {"raw": "hello"}}
    assert _post(fake, COMMENTS, body).status_code == 201
    assert [c["content"]["raw"] for c in fake.comments(PR_ID)] == ["hello"]
