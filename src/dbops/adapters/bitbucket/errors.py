"""Bitbucket's error answers turned into messages that say what to do."""

from __future__ import annotations

from typing import Any

import httpx

from dbops.adapters.bitbucket.auth import Credentials, NoCredentials
from dbops.adapters.http_retry import RETRYABLE_STATUS
from dbops.errors import PublishError

CREDENTIAL_CHOICES = (
    "BITBUCKET_ACCESS_TOKEN (a repository, project or workspace access token), or "
    "BITBUCKET_USERNAME + BITBUCKET_API_TOKEN, or BITBUCKET_OAUTH_CLIENT_ID + "
    "BITBUCKET_OAUTH_CLIENT_SECRET"
)
_MAX_SERVER_MESSAGE = 300


def http_error(
    response: httpx.Response,
    method: str,
    path: str,
    what: str,
    scope: str,
    credentials: Credentials,
    attempts: int,
) -> PublishError:
    """The message for an HTTP error answer: what to set, grant or check."""
    status = response.status_code
    request = f"{method} {shown_url(path)}"
    server = server_message(response)
    variables = credentials.variables
    if isinstance(credentials, NoCredentials) and status in (401, 403):
        return PublishError(
            f"the Bitbucket Pipelines proxy refused {request} for {what} (HTTP {status}"
            f"{server}). The proxy only authenticates Code Insights requests from inside a "
            f"Pipelines step; outside Pipelines unset BITBUCKET_BUILD_NUMBER and set "
            f"{CREDENTIAL_CHOICES}."
        )
    if status == 401:
        return PublishError(
            f"Bitbucket rejected the credentials from {variables} (HTTP 401) for {request} "
            f"({what}). Set {variables} to valid, unexpired values with the '{scope}' "
            f"scope; the choices are {CREDENTIAL_CHOICES}."
        )
    if status == 403:
        required = _required_scopes(response) or scope
        return PublishError(
            f"Bitbucket refused {request} for {what} (HTTP 403{server}): the credentials "
            f"from {variables} lack the '{required}' scope or access to the repository. "
            f"Create a token with the '{required}' scope (a token's scopes cannot be "
            f"changed afterwards) and set it in {variables}."
        )
    if status == 404:
        return PublishError(
            f"Bitbucket has no {what} (HTTP 404 for {request}). Check BITBUCKET_WORKSPACE, "
            f"BITBUCKET_REPO_SLUG and BITBUCKET_PR_ID/BITBUCKET_COMMIT, and that the "
            f"credentials from {variables} can see that repository."
        )
    if status in RETRYABLE_STATUS:
        return PublishError(
            f"Bitbucket kept failing {request} for {what} (HTTP {status}{server} after "
            f"{attempts} attempts); it may be rate-limiting or down. Try again "
            f"later."
        )
    return PublishError(
        f"Bitbucket refused {request} for {what} (HTTP {status}{server}). This request is "
        f"built by dbops: please report it as a bug with this message."
    )


def shown_url(url: str) -> str:
    """A URL without its query string: short, and nothing from it lands in a log."""
    return url.split("?", 1)[0]


def _error_body(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    error = body.get("error") if isinstance(body, dict) else None
    return error if isinstance(error, dict) else {}


def server_message(response: httpx.Response) -> str:
    error = _error_body(response)
    parts = [str(error[key]) for key in ("message", "detail") if error.get(key)]
    text = ": ".join(parts)[:_MAX_SERVER_MESSAGE]
    return f": {text}" if text else ""


def _required_scopes(response: httpx.Response) -> str | None:
    data = _error_body(response).get("data")
    required = data.get("required") if isinstance(data, dict) else None
    if isinstance(required, list) and required:
        return ", ".join(str(scope) for scope in required)
    return None
