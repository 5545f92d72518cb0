"""PostgreSQL shadows: a new database, or a schema in the URL's database when the user may not
create databases. The run holds an advisory lock named after its shadow for as long as the
shadow lives; pg_locks shows advisory locks of every database, so another run can tell an
abandoned shadow (nobody holds its lock: the run was killed) from a live one, and drops it."""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable
from datetime import datetime
from urllib.parse import quote, urlsplit, urlunsplit

from dbops.adapters.databases.base import SqlDatabase, StatementFailed
from dbops.adapters.databases.postgres import PostgresDatabase
from dbops.adapters.databases.urls import mask_secrets, mask_url
from dbops.adapters.shadow.names import SHADOW_PREFIX, is_old, is_shadow_name, shadow_name
from dbops.adapters.shadow.pg_trace import trace_statement
from dbops.adapters.shadow.runner import Ran, ShadowEngine
from dbops.core.locks.modes import LockImpact
from dbops.errors import DatabaseError

# The first key of dbops' two-key advisory locks on shadows ("dbsh"); the second is the name's.
_LOCK_CLASS = 0x64627368 & 0x7FFFFFFF
_ERROR_LINE = re.compile(r"^LINE (\d+):", re.MULTILINE)
_LIKE = SHADOW_PREFIX.replace("_", "\\_") + "%"


def _lock_key(name: str) -> int:
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:4], "big") & 0x7FFFFFFF


def _quoted(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


class PostgresShadow(ShadowEngine):
    engine = "postgres"

    def __init__(self, url: str, now: Callable[[], datetime]) -> None:
        self._url = url
        self.admin = PostgresDatabase(url, mask_url(url))
        try:
            self.notes = tuple(drop_abandoned(self.admin, now()))
            self.name = shadow_name(now())
            self.admin.fetch("SELECT pg_advisory_lock(%s, %s)", (_LOCK_CLASS, _lock_key(self.name)))
            self.in_schema = not self._create_database()
            self._schemas = {self.name: "public"} if self.in_schema else {}
            if self.in_schema:
                shadow_url = _in_schema(url, self.name)
                self.display_url = f"{self.admin.display_url} (schema {self.name})"
            else:
                shadow_url = _in_database(url, self.name)
                self.display_url = mask_url(shadow_url)
            self.database: SqlDatabase = PostgresDatabase(shadow_url, self.display_url)
        except BaseException:
            self._drop_shadow()
            self.admin.close()
            raise
        self.server_version = str(self.database.fetch("SHOW server_version")[0][0]).split()[0]

    def _create_database(self) -> bool:
        """CREATE DATABASE, or False when the user may not (then the shadow is a schema)."""
        import psycopg

        try:
            self.admin.connection.execute(f"CREATE DATABASE {_quoted(self.name)}".encode())
        except psycopg.errors.InsufficientPrivilege:
            self.admin.execute(f"CREATE SCHEMA {_quoted(self.name)}")
            return False
        except psycopg.Error as exc:
            message = mask_secrets(str(exc).strip(), self._url)
            raise DatabaseError(
                f"{self.admin.display_url}: cannot create the shadow database: {message}"
            ) from None
        return True

    def run(self, statement: str, predicted: LockImpact | None, in_transaction: bool) -> Ran:
        if predicted is None or not in_transaction:  # outside a transaction no lock stays held
            return super().run(statement, predicted, in_transaction)
        timing: list[float] = []

        def execute() -> None:
            started = time.perf_counter()
            self.database.execute(statement)
            timing.append(round((time.perf_counter() - started) * 1000, 3))

        trace = trace_statement(self.database.fetch, execute, self._schemas)
        return Ran(timing[0], locks=trace)

    def located(self, error: str, line: int) -> tuple[int, str]:
        """PostgreSQL's message is its first line; `LINE n:` under it is the statement's line
        the error is at."""
        first, _, rest = error.partition("\n")
        match = _ERROR_LINE.search(rest)
        return (line + int(match.group(1)) - 1 if match else line), first.strip()

    def drop(self) -> None:
        try:
            database = getattr(self, "database", None)
            if database is not None:
                database.close()
            self._drop_shadow()
        finally:
            self.admin.close()

    def _drop_shadow(self) -> None:
        name = getattr(self, "name", None)
        if name is None:
            return
        _drop(self.admin, name, schema=getattr(self, "in_schema", False))
        self.admin.fetch("SELECT pg_advisory_unlock(%s, %s)", (_LOCK_CLASS, _lock_key(name)))


def drop_abandoned(admin: SqlDatabase, now: datetime) -> list[str]:
    """Drop the shadows other runs left behind: those whose run is gone (nobody holds their
    advisory lock) and those older than an hour. A note for each one dropped."""
    databases = admin.fetch("SELECT datname FROM pg_database WHERE datname LIKE %s", (_LIKE,))
    schemas = admin.fetch("SELECT nspname FROM pg_namespace WHERE nspname LIKE %s", (_LIKE,))
    found = [(str(name), False) for (name,) in databases] + [(str(n), True) for (n,) in schemas]
    notes = []
    for name, schema in found:
        if not is_shadow_name(name):
            continue
        held = admin.fetch(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = %s "
            "AND objid = %s AND objsubid = 2",
            (_LOCK_CLASS, _lock_key(name)),
        )[0][0]
        if held and not is_old(name, now):
            continue  # another run is using it
        _drop(admin, name, schema)
        kind = "schema" if schema else "database"
        notes.append(f"dropped the shadow {kind} {name} an earlier run left behind")
    return notes


def _drop(admin: SqlDatabase, name: str, schema: bool) -> None:
    sql = (
        f"DROP SCHEMA IF EXISTS {_quoted(name)} CASCADE"
        if schema
        else f"DROP DATABASE IF EXISTS {_quoted(name)} WITH (FORCE)"
    )
    try:
        admin.execute(sql)
    except StatementFailed as failure:
        raise DatabaseError(
            f"{admin.display_url}: could not drop the shadow {name}: {failure.error}; drop it "
            f"by hand (`{sql}`)."
        ) from None


def _in_database(url: str, database: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{quote(database)}"))


def _in_schema(url: str, schema: str) -> str:
    """The URL with the shadow schema first on the search path (and nothing else on it, so
    that an unqualified name never reaches the real tables)."""
    parts = urlsplit(url)
    option = "options=" + quote(f"-csearch_path={schema}")
    query = f"{parts.query}&{option}" if parts.query else option
    return urlunsplit(parts._replace(query=query))
