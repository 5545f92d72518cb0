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
CLIENT_CHECK_INTERVAL = "1s"

# The session advisory lock of one bigint key shows in pg_locks as classid (high 32 bits),
# objid (low 32 bits), objsubid 1.
HOLDER_SQL = """SELECT a.pid, a.state, a.query, a.query_start, a.backend_start,
       host(a.client_addr)
FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
  AND l.classid = %s::bigint::oid AND l.objid = %s::bigint::oid
  AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())
  AND l.pid <> pg_backend_pid()
LIMIT 1"""


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
        self._guarded("set client_connection_check_interval", self._notice_dead_clients)

    def _notice_dead_clients(self) -> None:
        """Make the server end this session's statement when this client dies (PostgreSQL 14+):
        else a killed rollout's statement, and its session lock, run on without it."""
        version = int(self.connection.info.server_version)
        if version >= 140000:
            self._rows(
                "SELECT pg_catalog.set_config('client_connection_check_interval', %s, false)",
                (CLIENT_CHECK_INTERVAL,),
            )

    def _advisory_key(self) -> int:
        digest = hashlib.sha256(f"dbops:{self._schema}".encode()).digest()
        return int.from_bytes(digest[:8], "big", signed=True)

    def lock(self, timeout: float) -> None:
        key = self._advisory_key()
        deadline = time.monotonic() + timeout
        while not self._rows("SELECT pg_try_advisory_lock(%s)", (key,))[0][0]:
            if time.monotonic() >= deadline:
                holder = self.lock_holder() or "its holder could not be read"
                raise DatabaseError(
                    f"{self.display_url}: could not take the rollout lock within {timeout:g} s: "
                    f"another dbops rollout is running on this database ({holder}). Try again, "
                    f"or raise the environment's lock_timeout."
                )
            time.sleep(LOCK_POLL_SECONDS)
        self._lock_key = key

    def lock_holder(self) -> str | None:
        """The backend holding the rollout lock: pid, state, query, since when; a backend whose
        client died (a killed rollout) shows here until the server notices it."""
        if self._lock_key is not None:
            return "this process"
        key = self._advisory_key()
        rows = self._guarded(
            "look for the rollout lock's holder",
            lambda: self._rows(HOLDER_SQL, (key >> 32 & 0xFFFFFFFF, key & 0xFFFFFFFF)),
        )
        if not rows:
            return None
        pid, state, query, query_start, backend_start, client = rows[0]
        statement = " ".join(str(query or "").split())[:200]
        return (
            f"held by backend pid {pid} from {client or 'a local socket'}, connected since "
            f"{backend_start:%Y-%m-%d %H:%M:%S%z}, {state or 'state unknown'}"
            f"{f' since {query_start:%Y-%m-%d %H:%M:%S%z}' if query_start else ''}, last "
            f"query `{statement}`; if no rollout is running, it is the orphan of a killed one: "
            f"end it with SELECT pg_terminate_backend({pid})"
        )

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
