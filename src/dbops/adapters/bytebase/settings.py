"""Connection settings for a Bytebase server, read from dbops.yaml's `server:` block."""

from __future__ import annotations

from dataclasses import dataclass, field

from dbops.config import UNRESOLVED_REFERENCE, ServerConfig, require_resolved
from dbops.errors import ConfigError


@dataclass(frozen=True)
class ServerSettings:
    url: str
    project: str  # `projects/<id>`
    service_account: str | None = None
    service_key: str | None = field(default=None, repr=False)
    access_token: str | None = field(default=None, repr=False)
    headers: dict[str, str] = field(default_factory=dict, repr=False)
    timeout: float = 30.0

    @property
    def secrets(self) -> tuple[str, ...]:
        """Every value that must never appear in a message: keys, tokens, proxy headers."""
        values = [self.service_key, self.access_token, *self.headers.values()]
        return tuple(value for value in values if value)


def settings_from_config(server: ServerConfig) -> ServerSettings:
    """Resolve `${VAR}` references now that the server is really needed."""
    url = require_resolved(server.url, "server.url").rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise ConfigError(
            f"dbops.yaml: 'server.url' must be the Bytebase server's http(s) address, like "
            f"https://bytebase.example.com (got '{url}')."
        )
    project = require_resolved(server.project, "server.project").strip("/")
    if not project.startswith("projects/"):
        project = f"projects/{project}"
    # Either credential may name a variable that is unset in this pipeline; that is only an
    # error when no usable credential is left.
    token = _present(server.access_token)
    account = _present(server.service_account)
    key = _present(server.service_key)
    if not token and not (account and key):
        for value, name in (
            (server.service_account, "server.service_account"),
            (server.service_key, "server.service_key"),
            (server.access_token, "server.access_token"),
        ):
            if value:
                require_resolved(value, name)
        raise ConfigError(
            "dbops.yaml: 'server' needs credentials: 'service_account' and 'service_key' (a "
            "Bytebase service account and its secret, e.g. ${BYTEBASE_SERVICE_ACCOUNT} and "
            "${BYTEBASE_SERVICE_ACCOUNT_SECRET}), or 'access_token' (e.g. "
            "${BYTEBASE_ACCESS_TOKEN})."
        )
    headers = {
        name: require_resolved(value, f"server.headers.{name}")
        for name, value in server.headers.items()
    }
    return ServerSettings(
        url=url,
        project=project,
        service_account=account,
        service_key=key,
        access_token=token,
        headers=headers,
        timeout=server.timeout,
    )


def _present(value: str | None) -> str | None:
    if not value or UNRESOLVED_REFERENCE.search(value):
        return None
    return value
