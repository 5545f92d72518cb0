"""Target URLs from dbops.yaml: which engine, and how to show them without their password."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

_PASSWORD_IN_URL = re.compile(r"^(?P<head>[a-zA-Z][a-zA-Z0-9+.-]*://[^:/@]*:)(?P<password>[^@]*)@")

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
    """The URL with its password replaced by `***`, for every message and output."""
    return _PASSWORD_IN_URL.sub(lambda match: f"{match.group('head')}***@", url)


def password_of(url: str) -> str | None:
    match = _PASSWORD_IN_URL.match(url)
    if not match or not match.group("password"):
        return None
    return unquote(match.group("password"))


def mask_secrets(text: str, url: str) -> str:
    """`text` (a driver's error message) with the URL's password masked wherever it appears."""
    masked = text.replace(url, mask_url(url))
    password = password_of(url)
    if password:
        masked = masked.replace(password, "***")
        raw = _PASSWORD_IN_URL.match(url)
        if raw:
            masked = masked.replace(raw.group("password"), "***")
    return masked


def split_url(url: str) -> tuple[str, str, int | None, str, str | None, str]:
    """(host, user, port, database, password, query) of a server URL, percent-decoded."""
    parts = urlsplit(url)
    return (
        parts.hostname or "localhost",
        unquote(parts.username or ""),
        parts.port,
        unquote(parts.path.lstrip("/")),
        unquote(parts.password) if parts.password is not None else None,
        parts.query,
    )
