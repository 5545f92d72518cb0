"""Bytebase adapter: the REST client, its wire format and the resources dbops uses."""

from __future__ import annotations

from dbops.adapters.bytebase.client import BytebaseClient, BytebaseRequestError
from dbops.adapters.bytebase.settings import ServerSettings, settings_from_config

__all__ = ["BytebaseClient", "BytebaseRequestError", "ServerSettings", "settings_from_config"]
