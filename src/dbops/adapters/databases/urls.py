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
    message and output: in the user-info part and in `password=` / `sslpassword=` parameters.

    The user-info is masked however the URL parses: a password with an unencoded `#`, `/`,
    `?` or `@` runs to the last `@` of the URL, and all of it is masked."""
    masked = _PASSWORD_IN_URL.sub(lambda match: f"{match.group('head')}***@", url)
    masked = _mask_loose_userinfo(masked)
    return _PASSWORD_PARAM.sub(lambda match: f"{match.group('key')}***", masked)


def _mask_loose_userinfo(url: str) -> str:
    """`scheme://user:ANYTHING@rest` -> `scheme://user:***@rest`, to the last `@`."""
    scheme, separator, rest = url.partition("://")
    if not separator or "@" not in rest:
        return url
    userinfo, _, host = rest.rpartition("@")
    user, colon, _password = userinfo.partition(":")
    if not colon or _password == "***":
        return url
    return f"{scheme}://{user}:***@{host}"


def check_server_url(url: str, key: str) -> None:
    """Refuse (exit 2, naming `key`, never echoing the URL: it may hold a password) a server URL
    that does not parse as written: user-info with an unencoded `#`, `/` or `?`, which would
    send the connection to another host; a port that is not a number."""
    rest = url.partition("://")[2]
    userinfo = rest.rpartition("@")[0] if "@" in rest else ""
    if any(char in userinfo for char in "/?#"):
        raise ConfigError(
            f"dbops.yaml: '{key}': the URL cannot be read: its user name or password holds an "
            f"unencoded '/', '?' or '#' (percent-encode them: / as %2F, ? as %3F, # as %23, "
            f"@ as %40). The URL is not shown, as it holds a password."
        )
    try:
        urlsplit(url).port  # noqa: B018 - parsing is the check
    except ValueError:
        raise ConfigError(
            f"dbops.yaml: '{key}' = {mask_url(url)}: the port is not a number between 0 and "
            f"65535; fix the target URL."
        ) from None


def _passwords(url: str) -> list[str]:
    """Every spelling of every password in `url` (as written and percent-decoded)."""
    found = []
    match = _PASSWORD_IN_URL.match(url)
    if match and match.group("password"):
        found.append(match.group("password"))
    rest = url.partition("://")[2]
    if "@" in rest and ":" in rest.rpartition("@")[0]:  # however it parses: to the last `@`
        found.append(rest.rpartition("@")[0].partition(":")[2])
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
