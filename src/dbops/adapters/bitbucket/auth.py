"""The three ways dbops authenticates to Bitbucket Cloud, plus none (the Pipelines proxy).

Each credential knows which environment variables it came from, so an error can say which one
to fix, and never exposes the secret itself: `repr()` is masked and messages use `variables`.
"""

from __future__ import annotations

import base64
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

# POST form fields to the token URL with HTTP Basic client credentials; returns the JSON answer.
TokenFetcher = Callable[[str, str, str], Mapping[str, Any]]

# Renew an OAuth token this long before Bitbucket says it expires, so no request races expiry.
EXPIRY_MARGIN_SECONDS = 60.0


class Credentials(Protocol):
    @property
    def variables(self) -> str:
        """The environment variables these credentials came from, for error messages."""
        ...

    def authorization(self, fetch_token: TokenFetcher) -> str | None:
        """The `Authorization` header value (None: send no header)."""
        ...

    def invalidate(self) -> bool:
        """Forget a cached token after a 401; True when asking again may succeed."""
        ...


@dataclass(frozen=True)
class NoCredentials:
    """Pipelines' Code Insights proxy adds the authentication itself."""

    variables: str = "(none: the Bitbucket Pipelines proxy authenticates)"

    def authorization(self, fetch_token: TokenFetcher) -> str | None:
        return None

    def invalidate(self) -> bool:
        return False


@dataclass(frozen=True)
class AccessToken:
    """A repository, project or workspace access token, sent as a Bearer token."""

    token: str = field(repr=False)
    variables: str = "BITBUCKET_ACCESS_TOKEN"

    def authorization(self, fetch_token: TokenFetcher) -> str | None:
        return f"Bearer {self.token}"

    def invalidate(self) -> bool:
        return False


@dataclass(frozen=True)
class ApiToken:
    """A user's API token with the Atlassian account e-mail (or username), HTTP Basic."""

    username: str
    token: str = field(repr=False)
    variables: str = "BITBUCKET_USERNAME and BITBUCKET_API_TOKEN"

    def authorization(self, fetch_token: TokenFetcher) -> str | None:
        return basic_authorization(self.username, self.token)

    def invalidate(self) -> bool:
        return False


class OAuthClientCredentials:
    """An OAuth consumer's key and secret, exchanged for an access token (client credentials
    grant) that is cached and fetched again when it expires or a request gets a 401."""

    variables = "BITBUCKET_OAUTH_CLIENT_ID and BITBUCKET_OAUTH_CLIENT_SECRET"

    def __init__(
        self,
        client_id: str,
        client_secret: str,
        token_url: str,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.client_id = client_id
        self._client_secret = client_secret
        self.token_url = token_url
        self._clock = clock
        self._token: str | None = None
        self._expires_at = 0.0

    def __repr__(self) -> str:
        return f"OAuthClientCredentials(client_id={self.client_id!r}, client_secret=***)"

    def authorization(self, fetch_token: TokenFetcher) -> str | None:
        if self._token is None or self._clock() >= self._expires_at:
            self._fetch(fetch_token)
        return f"Bearer {self._token}"

    def invalidate(self) -> bool:
        had_token = self._token is not None
        self._token = None
        return had_token

    def _fetch(self, fetch_token: TokenFetcher) -> None:
        from dbops.errors import PublishError

        answer = fetch_token(self.token_url, self.client_id, self._client_secret)
        token = answer.get("access_token")
        if not isinstance(token, str) or not token:
            raise PublishError(
                f"the OAuth token endpoint {self.token_url} answered without an access_token; "
                f"check {self.variables} (the consumer must be private and allow the client "
                f"credentials grant)."
            )
        expires_in = answer.get("expires_in", 3600)
        lifetime = float(expires_in) if isinstance(expires_in, int | float) else 3600.0
        self._token = token
        self._expires_at = self._clock() + max(lifetime - EXPIRY_MARGIN_SECONDS, 0.0)


def basic_authorization(username: str, password: str) -> str:
    pair = f"{username}:{password}".encode()
    return "Basic " + base64.b64encode(pair).decode("ascii")
