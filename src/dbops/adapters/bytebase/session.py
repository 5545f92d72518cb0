"""Opening a Bytebase session: client from settings, then the version gate."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from dbops.adapters.bytebase.client import BytebaseClient
from dbops.adapters.bytebase.models import ActuatorInfo
from dbops.adapters.bytebase.settings import ServerSettings
from dbops.errors import ServerError
from dbops.server.compat import judge_server_version, unsupported_message


def open_session(
    settings: ServerSettings,
    *,
    warn: Callable[[str], None],
    transport: httpx.BaseTransport | None = None,
) -> tuple[BytebaseClient, ActuatorInfo]:
    """A logged-in client for a server of a supported version, and the server's info."""
    client = BytebaseClient(settings, transport=transport, on_retry=warn)
    try:
        info = client.actuator_info()
        verdict = judge_server_version(info.version)
        if not verdict.supported:
            raise ServerError(unsupported_message(info.version, settings.url))
        if verdict.note:
            warn(verdict.note)
    except BaseException:
        client.close()
        raise
    return client, info
