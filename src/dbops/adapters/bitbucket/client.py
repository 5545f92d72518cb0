"""A small Bitbucket Cloud REST client on httpx: auth, retries, `next` pagination, and errors
that say what to do.

Every request names what it is about (`what`, e.g. "pull request #7 of acme/app") and the
OAuth scope it needs (`scope`), so that a 401, 403 or 404 becomes a message naming the variable
to set, the scope to grant, or the repository or pull request that was not found.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

import httpx

from dbops import __version__
from dbops.adapters.bitbucket.auth import (
    AccessToken,
    ApiToken,
    Credentials,
    NoCredentials,
    OAuthClientCredentials,
    basic_authorization,
)
from dbops.adapters.bitbucket.errors import (
    CREDENTIAL_CHOICES,
    http_error,
    server_message,
    shown_url,
)
from dbops.adapters.http_retry import RETRYABLE_STATUS, RetryPolicy, parse_retry_after
from dbops.errors import ConfigError, PublishError

DEFAULT_API_URL = "https://api.bitbucket.org/2.0"
DEFAULT_OAUTH_URL = "https://bitbucket.org/site/oauth2/access_token"
# Inside Pipelines, Code Insights go to plain-http api.bitbucket.org through this proxy, which
# adds the step's own authentication (DESIGN §4).
PIPELINES_PROXY_API_URL = "http://api.bitbucket.org/2.0"
DEFAULT_PIPELINES_PROXY = "http://localhost:29418"

RetryListener = Callable[[str, float], None]


class BitbucketClient:
    """Requests against one Bitbucket API base URL with one set of credentials."""

    def __init__(
        self,
        base_url: str,
        credentials: Credentials,
        *,
        policy: RetryPolicy | None = None,
        proxy: str | None = None,
        transport: httpx.BaseTransport | None = None,
        on_retry: RetryListener | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.credentials = credentials
        self.policy = policy or RetryPolicy()
        self.on_retry = on_retry
        self._http = httpx.Client(
            timeout=self.policy.timeout,
            proxy=proxy,
            transport=transport,
            follow_redirects=False,
            headers={"User-Agent": f"dbops/{__version__}", "Accept": "application/json"},
        )

    def __enter__(self) -> BitbucketClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    # -- requests -------------------------------------------------------------------------

    def get(
        self, path: str, *, what: str, scope: str, params: Mapping[str, str | int] | None = None
    ) -> Any:
        return self.request("GET", path, what=what, scope=scope, params=params)

    def request(
        self,
        method: str,
        path: str,
        *,
        what: str,
        scope: str,
        params: Mapping[str, str | int] | None = None,
        body: Any = None,
        missing_ok: bool = False,
    ) -> Any:
        """Send one request (with retries) and return its JSON (None for an empty answer, or
        for a 404 when `missing_ok`)."""
        url = self._url(path)
        response = self._send(method, url, params, body)
        if missing_ok and response.status_code == 404:
            return None
        if response.is_error:
            raise http_error(
                response, method, path, what, scope, self.credentials, self.policy.attempts
            )
        if not response.content:
            return None
        try:
            return response.json()
        except ValueError:
            raise PublishError(
                f"Bitbucket answered {method} {shown_url(path)} for {what} with HTTP "
                f"{response.status_code} and a body that is not JSON "
                f"({response.headers.get('content-type', 'no content type')}); a proxy in "
                f"between may have replaced the answer. Try again; if it persists, check "
                f"DBOPS_BITBUCKET_API_URL."
            ) from None

    def paginate(
        self,
        path: str,
        *,
        what: str,
        scope: str,
        params: Mapping[str, str | int] | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Every value of a paginated collection, following `next` links to the last page."""
        page = self.request("GET", path, what=what, scope=scope, params=params)
        visited = {self._url(path)}
        while True:
            values = page.get("values") if isinstance(page, dict) else None
            if not isinstance(values, list):
                raise PublishError(
                    f"Bitbucket answered GET {shown_url(path)} for {what} without a 'values' list; "
                    f"is DBOPS_BITBUCKET_API_URL the Bitbucket Cloud 2.0 API?"
                )
            yield from (value for value in values if isinstance(value, dict))
            link = page.get("next")
            if not isinstance(link, str) or not link:
                return
            self._check_next_link(link, path, visited)
            visited.add(link)
            page = self.request("GET", link, what=what, scope=scope)

    # -- internals ------------------------------------------------------------------------

    def _url(self, path: str) -> str:
        if path.startswith(("http://", "https://")):
            return path
        return self.base_url + (path if path.startswith("/") else "/" + path)

    def _check_next_link(self, link: str, path: str, visited: set[str]) -> None:
        # Credentials go with every request: never follow a link to another server.
        base, target = urlsplit(self.base_url), urlsplit(link)
        if (target.scheme, target.netloc) != (base.scheme, base.netloc):
            raise PublishError(
                f"Bitbucket's next-page link for GET {shown_url(path)} points to another server "
                f"({target.scheme}://{target.netloc}); dbops does not send credentials there."
            )
        if link in visited:
            raise PublishError(f"Bitbucket's pages for GET {shown_url(path)} link back in a loop.")

    def _send(
        self,
        method: str,
        url: str,
        params: Mapping[str, str | int] | None,
        body: Any,
    ) -> httpx.Response:
        content = None if body is None else json.dumps(body).encode("utf-8")
        for attempt in (1, 2):
            headers = {"Content-Type": "application/json"} if content is not None else {}
            authorization = self.credentials.authorization(self._fetch_token)
            if authorization:
                headers["Authorization"] = authorization
            send = functools.partial(
                self._http.request,
                method,
                url,
                params=params,
                content=content,
                headers=headers,
                timeout=self.policy.request_timeout(),
            )
            response = self._with_retries(send, f"{method} {shown_url(url)}")
            # An OAuth token may expire between two requests: fetch a new one once.
            if response.status_code == 401 and attempt == 1 and self.credentials.invalidate():
                continue
            return response
        raise AssertionError("unreachable")  # pragma: no cover

    def _with_retries(self, send: Callable[[], httpx.Response], label: str) -> httpx.Response:
        policy = self.policy
        for attempt in range(1, policy.attempts + 1):
            last = attempt == policy.attempts
            self._within_budget(label, None)
            try:
                response = send()
            except httpx.TimeoutException:
                self._within_budget(label, "did not answer in time")
                if last:
                    raise PublishError(
                        f"{label}: Bitbucket did not answer within {policy.timeout:g} s, "
                        f"{policy.attempts} times; try again later (DBOPS_BITBUCKET_TIMEOUT "
                        f"sets the wait)."
                    ) from None
                self._wait(attempt, None, label, "timed out")
                continue
            except httpx.TransportError as exc:
                if last:
                    raise PublishError(
                        f"{label}: cannot reach Bitbucket ({type(exc).__name__}: {exc}) after "
                        f"{policy.attempts} attempts; check DBOPS_BITBUCKET_API_URL (or "
                        f"DBOPS_BITBUCKET_PROXY in Pipelines) and the network."
                    ) from None
                self._wait(attempt, None, label, type(exc).__name__)
                continue
            if response.status_code not in RETRYABLE_STATUS or last:
                return response
            retry_after = parse_retry_after(response.headers.get("retry-after"))
            response.close()
            self._wait(attempt, retry_after, label, f"HTTP {response.status_code}")
        raise AssertionError("unreachable")  # pragma: no cover

    def _within_budget(self, label: str, why: str | None, wait: float = 0.0) -> None:
        """Give up once the publishing budget (DBOPS_PUBLISH_BUDGET) is used up, or would be by
        `wait`: the review's result stands, only publishing stops."""
        left = self.policy.remaining()
        if left is None or (left > 0 and wait < left):
            return
        cause = f" ({why})" if why else ""
        asked = f"; a wait of {wait:.0f} s was asked" if wait else ""
        raise PublishError(
            f"{label}{cause}: gave up, the publishing budget of {self.policy.budget or 0:g} s "
            f"is used up{asked}. Bitbucket may be rate-limiting or down; DBOPS_PUBLISH_BUDGET "
            f"sets the budget."
        )

    def _wait(self, retry_number: int, retry_after: float | None, label: str, why: str) -> None:
        delay = self.policy.backoff(retry_number, retry_after)
        self._within_budget(label, why, delay)
        if self.on_retry is not None:
            self.on_retry(f"{label}: {why}; retrying in {delay:.1f} s", delay)
        self.policy.sleep(delay)

    def _fetch_token(self, token_url: str, client_id: str, client_secret: str) -> Mapping[str, Any]:
        response = self._with_retries(
            lambda: self._http.post(
                token_url,
                data={"grant_type": "client_credentials"},
                headers={"Authorization": basic_authorization(client_id, client_secret)},
                timeout=self.policy.request_timeout(),
            ),
            f"POST {token_url}",
        )
        variables = OAuthClientCredentials.variables
        if response.status_code in (400, 401, 403):
            raise PublishError(
                f"the OAuth token endpoint {token_url} refused the client credentials "
                f"(HTTP {response.status_code}{server_message(response)}); check {variables}: "
                f"the consumer must exist, be private, and have a callback URL."
            )
        if response.is_error:
            raise PublishError(
                f"the OAuth token endpoint {token_url} failed (HTTP {response.status_code}); "
                f"try again later, or set DBOPS_BITBUCKET_OAUTH_URL if it is not the default."
            )
        try:
            answer = response.json()
        except ValueError:
            answer = None
        if not isinstance(answer, dict):
            raise PublishError(
                f"the OAuth token endpoint {token_url} answered with something that is not a "
                f"JSON object; check DBOPS_BITBUCKET_OAUTH_URL."
            )
        return answer


# -- from the environment -----------------------------------------------------------------


def credentials_from_environment(environ: Mapping[str, str]) -> Credentials | None:
    """The credentials the environment provides (None: none at all); half a pair is an error."""
    token = environ.get("BITBUCKET_ACCESS_TOKEN", "").strip()
    if token:
        return AccessToken(token)
    username = environ.get("BITBUCKET_USERNAME", "").strip()
    api_token = environ.get("BITBUCKET_API_TOKEN", "").strip()
    if username or api_token:
        _require_pair("BITBUCKET_USERNAME", username, "BITBUCKET_API_TOKEN", api_token)
        return ApiToken(username, api_token)
    client_id = environ.get("BITBUCKET_OAUTH_CLIENT_ID", "").strip()
    secret = environ.get("BITBUCKET_OAUTH_CLIENT_SECRET", "").strip()
    if client_id or secret:
        _require_pair(
            "BITBUCKET_OAUTH_CLIENT_ID", client_id, "BITBUCKET_OAUTH_CLIENT_SECRET", secret
        )
        token_url = environ.get("DBOPS_BITBUCKET_OAUTH_URL", "").strip() or DEFAULT_OAUTH_URL
        return OAuthClientCredentials(client_id, secret, token_url)
    return None


def _require_pair(first: str, first_value: str, second: str, second_value: str) -> None:
    missing = second if first_value else first
    if not (first_value and second_value):
        raise ConfigError(
            f"{first} and {second} go together, but {missing} is not set; set both (as secured "
            f"repository variables in Pipelines) or neither."
        )


DEFAULT_PUBLISH_BUDGET = 60.0


def policy_from_environment(environ: Mapping[str, str]) -> RetryPolicy:
    """Default retry policy, with DBOPS_BITBUCKET_RETRIES, DBOPS_BITBUCKET_TIMEOUT and
    DBOPS_PUBLISH_BUDGET (all publishing, default 60 s, counted from now) applied."""
    policy = RetryPolicy()
    attempts = _number(environ, "DBOPS_BITBUCKET_RETRIES", int)
    timeout = _number(environ, "DBOPS_BITBUCKET_TIMEOUT", float)
    budget = _number(environ, "DBOPS_PUBLISH_BUDGET", float)
    budget = DEFAULT_PUBLISH_BUDGET if budget is None else float(budget)
    return RetryPolicy(
        attempts=policy.attempts if attempts is None else max(int(attempts), 0) + 1,
        timeout=policy.timeout if timeout is None else float(timeout),
        budget=budget,
        deadline=policy.clock() + budget,
    )


def _number(environ: Mapping[str, str], name: str, kind: type[int] | type[float]) -> float | None:
    raw = environ.get(name, "").strip()
    if not raw:
        return None
    try:
        value = kind(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a number; set it to e.g. 3.") from None
    if value < 0:
        raise ConfigError(f"{name}={raw!r} must not be negative.")
    return value


def client_from_environment(
    environ: Mapping[str, str],
    *,
    policy: RetryPolicy | None = None,
    on_retry: RetryListener | None = None,
) -> BitbucketClient:
    """The REST API client (comments, approvals) at DBOPS_BITBUCKET_API_URL.

    Raises ConfigError naming the variables to set when the environment has no credentials.
    """
    credentials = credentials_from_environment(environ)
    if credentials is None:
        raise ConfigError(
            f"no Bitbucket credentials in the environment; set {CREDENTIAL_CHOICES} (as secured "
            f"variables in Pipelines). The token needs the 'pullrequest' scope to read "
            f"approvals and comment on pull requests."
        )
    base_url = environ.get("DBOPS_BITBUCKET_API_URL", "").strip() or DEFAULT_API_URL
    return BitbucketClient(
        base_url,
        credentials,
        policy=policy or policy_from_environment(environ),
        on_retry=on_retry,
    )


def insights_client_from_environment(
    environ: Mapping[str, str],
    *,
    policy: RetryPolicy | None = None,
    on_retry: RetryListener | None = None,
) -> BitbucketClient:
    """The client for Code Insights: through the Pipelines proxy without credentials when in
    Pipelines (BITBUCKET_BUILD_NUMBER set), else the REST API with credentials."""
    if not environ.get("BITBUCKET_BUILD_NUMBER", "").strip():
        return client_from_environment(environ, policy=policy, on_retry=on_retry)
    proxy = environ.get("DBOPS_BITBUCKET_PROXY", "").strip() or DEFAULT_PIPELINES_PROXY
    return BitbucketClient(
        PIPELINES_PROXY_API_URL,
        NoCredentials(),
        policy=policy or policy_from_environment(environ),
        proxy=proxy,
        on_retry=on_retry,
    )
