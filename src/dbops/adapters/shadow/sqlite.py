"""SQLite shadows: an in-memory database, gone with its connection; a killed run leaves
nothing behind, and the database file the URL names is never opened."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from dbops.adapters.databases.base import SqlDatabase
from dbops.adapters.databases.sqlite import SqliteDatabase
from dbops.adapters.shadow.runner import ShadowEngine


class SqliteShadow(ShadowEngine):
    engine = "sqlite"
    display_url = "sqlite::memory:"

    def __init__(self) -> None:
        self.database: SqlDatabase = SqliteDatabase(Path(":memory:"), self.display_url)
        self.server_version = sqlite3.sqlite_version

    def drop(self) -> None:
        self.database.close()
