"""Target URLs from dbops.yaml: which engine, and how to show them without their password."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from dbops.errors import ConfigError

# The user-info's password runs to the last `@` of the host part, as urlsplit reads it.
_PASSWORD_IN_URL = re.compile(
    r"^(?P<head>[a-zA-Z][a-zA-Z0-9+.-]*://[^:/@]*:)(?P<password>[^/?#]*)@"
)

_PASSWORD_PARAM = re.compile(
    r"(?P<key>(?<![A-Za-z0-9_])(?:ssl)?password\s*=\s*)(?P<value>'(?:[^'\\]|\\.)*'|[^\s&;]*)",
    re.IGNORECASE,
)

ENGINES = {
    "sqlite": "sqlite",
    "postgresql": "postgres",
    "postgres": "postgres",
    "mysql": "mysql",
    "mariadb": "mysql",
}


def engine_of(url: str) -> str | None:
    """`sqlite`, `postgres` or `mysql` from the URL's scheme (`mysql+pymysql` counts as mysql)."""
    scheme = url.split("://", 1)[0].lower() if "://" in url else ""
    return ENGINES.get(scheme.split("+", 1)[0])


def mask_url(url: str) -> str:
    """The URL (or libpq `key=value` string) with every password replaced by `***`, for every
    message and output: in the user-info part and in `password=` / `sslpassword=` parameters."""
    masked = _PASSWORD_IN_URL.sub(lambda match: f"{match.group('head')}***@", url)
    return _PASSWORD_PARAM.sub(lambda match: f"{match.group('key')}***", masked)


def _passwords(url: str) -> list[str]:
    """Every spelling of every password in `url` (as written and percent-decoded)."""
    found = []
    match = _PASSWORD_IN_URL.match(url)
    if match and match.group("password"):
        found.append(match.group("password"))
    found.extend(m.group("value").strip("'") for m in _PASSWORD_PARAM.finditer(url))
    spellings = {text for raw in found for text in (raw, unquote(raw)) if text}
    return sorted(spellings, key=len, reverse=True)  # longest first: no half-masked leftovers


def mask_secrets(text: str, url: str) -> str:
    """`text` (a driver's error message) with the URL's passwords masked wherever they appear."""
    masked = text.replace(url, mask_url(url))
    for password in _passwords(url):
        masked = masked.replace(password, "***")
    return masked


def split_url(url: str) -> tuple[str, str, int | None, str, str | None, str]:
    """(host, user, port, database, password, query) of a server URL, percent-decoded."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        raise ConfigError(
            f"{mask_url(url)}: the port is not a number between 0 and 65535; fix the target URL."
        ) from None
    return (
        parts.hostname or "localhost",
        unquote(parts.username or ""),
        port,
        unquote(parts.path.lstrip("/")),
        unquote(parts.password) if parts.password is not None else None,
        parts.query,
    )
