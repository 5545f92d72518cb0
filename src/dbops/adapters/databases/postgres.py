"""PostgreSQL targets through psycopg 3 (the `postgres` extra).

The rollout lock is a session-level advisory lock: PostgreSQL releases it when the connection
ends, so a killed rollout never leaves a lock behind. Each migration and its history row commit
in one transaction (PostgreSQL's DDL is transactional).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Sequence
from typing import Any

from dbops import requirement
from dbops.adapters.databases.base import Clock, SqlDatabase, utc_now
from dbops.adapters.databases.urls import mask_secrets
from dbops.errors import ConfigError, DatabaseError
from dbops.rollout.history import HISTORY_TABLE

STATUS_WIDTH = 20  # `rolled back` and room to spare

HISTORY_DDL = """CREATE TABLE IF NOT EXISTS {table} (
  rank_id BIGSERIAL PRIMARY KEY,
  version VARCHAR(100) NOT NULL,
  description TEXT NOT NULL,
  file TEXT NOT NULL,
  checksum VARCHAR(100) NOT NULL,
  change_type VARCHAR(10) NOT NULL,
  release_id TEXT NOT NULL,
  operation VARCHAR(10) NOT NULL,
  status VARCHAR(20) NOT NULL,
  started_at TIMESTAMPTZ NOT NULL,
  finished_at TIMESTAMPTZ,
  duration_ms BIGINT,
  applied_by TEXT NOT NULL,
  error TEXT
)"""

LOCK_POLL_SECONDS = 0.2


class PostgresDatabase(SqlDatabase):
    engine = "postgres"
    dialect = "postgres"
    transactional_ddl = True

    def __init__(self, url: str, display_url: str, clock: Clock = utc_now) -> None:
        super().__init__(display_url, clock)
        try:
            import psycopg
        except ImportError:
            raise ConfigError(
                f"{display_url}: PostgreSQL targets need the psycopg driver. Install it with "
                f'`pip install "{requirement("postgres")}"`.'
            ) from None
        self._psycopg = psycopg
        self._url = url
        try:
            self.connection = psycopg.connect(url, autocommit=True, connect_timeout=30)
        except psycopg.Error as exc:
            raise DatabaseError(
                f"{display_url}: cannot connect: {mask_secrets(str(exc).strip(), url)}"
            ) from None
        self._lock_key: int | None = None
        # Where the history lives, fixed at connect: a migration's `SET search_path` (pg_dump
        # writes one) must not move it; the search path is put back after each file.
        schema, self._search_path = self._guarded(
            "read the current schema",
            lambda: self._rows("SELECT current_schema(), current_setting('search_path')")[0],
        )
        self._schema = str(schema or "public")
        self.history_table = f"{_quoted(self._schema)}.{HISTORY_TABLE}"

    def lock(self, timeout: float) -> None:
        schema = self._schema
        digest = hashlib.sha256(f"dbops:{schema}".encode()).digest()
        key = int.from_bytes(digest[:8], "big", signed=True)
        deadline = time.monotonic() + timeout
        while not self._rows("SELECT pg_try_advisory_lock(%s)", (key,))[0][0]:
            if time.monotonic() >= deadline:
                raise DatabaseError(
                    f"{self.display_url}: could not take the rollout lock within {timeout:g} s: "
                    f"another dbops rollout is running on this database. Try again, or raise the "
                    f"environment's lock_timeout."
                )
            time.sleep(LOCK_POLL_SECONDS)
        self._lock_key = key

    def unlock(self) -> None:
        if self._lock_key is not None:
            self._rows("SELECT pg_advisory_unlock(%s)", (self._lock_key,))
            self._lock_key = None

    def close(self) -> None:
        self.connection.close()

    def _run(self, sql: str, params: Sequence[Any] = ()) -> int:
        # Without parameters the text goes as written: a `%` in a migration is not a placeholder.
        cursor = self.connection.execute(sql.encode() if not params else sql, params or None)
        return cursor.rowcount

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return list(self.connection.execute(sql, params or None).fetchall())

    def _widen_status(self) -> None:
        rows = self._rows(
            "SELECT atttypmod - 4 FROM pg_catalog.pg_attribute "
            "WHERE attrelid = to_regclass(%s) AND attname = 'status'",
            (self.history_table,),
        )
        if rows and 0 < int(rows[0][0]) < STATUS_WIDTH:
            self._run(
                f"ALTER TABLE {self.history_table} ALTER COLUMN status TYPE VARCHAR({STATUS_WIDTH})"
            )

    def _history_ddl(self) -> str:
        return HISTORY_DDL.format(table=self.history_table)

    def _history_exists(self) -> bool:
        rows = self._rows("SELECT to_regclass(%s) IS NOT NULL", (self.history_table,))
        return bool(rows[0][0])

    def _restore_session(self) -> None:
        self._rows("SELECT pg_catalog.set_config('search_path', %s, false)", (self._search_path,))

    def _error_text(self, exc: Exception) -> str | None:
        if not isinstance(exc, self._psycopg.Error):
            return None
        return mask_secrets(str(exc).strip(), self._url)


def _quoted(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'
