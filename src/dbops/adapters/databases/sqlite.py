"""SQLite targets: a file, no server, nothing to install.

A rollout holds two locks from start to end: an exclusive `flock` on `<database>.dbops-lock`
(the rollout lock: it stays held while a `-- dbops:no-transaction` file runs outside the write
transaction, so a second rollout waits its turn instead of finding that file `running`; the
kernel drops it when the process dies), and SQLite's write transaction (`BEGIN IMMEDIATE`):
each migration is a savepoint released together with its
history row, a failing migration rolls back to its savepoint, and the migrations before it
commit at the end. A killed process leaves nothing half-done: SQLite rolls the journal back.
"""

from __future__ import annotations

import fcntl
import os
import socket
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from dbops.adapters.databases.base import Clock, SqlDatabase, utc_now
from dbops.errors import ConfigError, DatabaseError
from dbops.rollout.history import HISTORY_TABLE
from dbops.rollout.steps import Step, StepResult

LOCK_SUFFIX = ".dbops-lock"
LOCK_POLL_SECONDS = 0.1

HISTORY_DDL = f"""CREATE TABLE IF NOT EXISTS {HISTORY_TABLE} (
  rank_id INTEGER PRIMARY KEY AUTOINCREMENT,
  version TEXT NOT NULL,
  description TEXT NOT NULL,
  file TEXT NOT NULL,
  checksum TEXT NOT NULL,
  change_type TEXT NOT NULL,
  release_id TEXT NOT NULL,
  operation TEXT NOT NULL,
  status TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  duration_ms INTEGER,
  applied_by TEXT NOT NULL,
  error TEXT
)"""


def sqlite_path(url: str, root: Path) -> Path:
    """`sqlite:///relative.db` is relative to dbops.yaml's folder; `sqlite:////abs.db` is not."""
    rest = url.split("://", 1)[1]
    if not rest.startswith("/") or rest == "/":
        raise ValueError("expected sqlite:///relative/path.db or sqlite:////absolute/path.db")
    path = rest[1:].split("?", 1)[0]
    return Path(path) if path.startswith("/") else root / path


class SqliteDatabase(SqlDatabase):
    engine = "sqlite"
    dialect = "sqlite"
    transactional_ddl = True
    placeholder = "?"

    def __init__(
        self,
        path: Path,
        display_url: str,
        clock: Clock = utc_now,
        *,
        read_only: bool = False,
        key: str = "",
    ) -> None:
        """`read_only`: only look; a missing file (or folder) reads as an empty database and
        is not created. `key` names the target in dbops.yaml: a path that cannot be created
        and a file that is not a SQLite database are the configuration's errors (exit 2)."""
        super().__init__(display_url, clock)
        where = f"dbops.yaml: '{key}' = {display_url}" if key else display_url
        try:
            if read_only and not path.exists():
                self.connection = sqlite3.connect(":memory:", check_same_thread=False)
            elif read_only:
                uri = f"{path.resolve().as_uri()}?mode=ro"
                self.connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                self.connection = sqlite3.connect(
                    path, isolation_level=None, check_same_thread=False
                )
            self.connection.execute("PRAGMA schema_version").fetchall()  # is it SQLite at all?
        except OSError as exc:
            raise ConfigError(
                f"{where}: the SQLite database cannot be created at {path} "
                f"({os.strerror(exc.errno or 0)}); fix the path or the folder's permissions."
            ) from None
        except sqlite3.DatabaseError as exc:
            problem = "is not a SQLite database" if "not a database" in str(exc) else str(exc)
            raise ConfigError(
                f"{where}: cannot open the SQLite database {path}: {problem}; point the URL at "
                f"a SQLite file (or a path where one can be created)."
            ) from None
        self._locked = False
        self._timeout_ms = 0
        self._lock_path = path.with_name(path.name + LOCK_SUFFIX)
        self._lock_file: IO[str] | None = None

    def lock(self, timeout: float) -> None:
        self._timeout_ms = int(timeout * 1000)
        self._take_rollout_lock(timeout)
        self.connection.execute(f"PRAGMA busy_timeout = {self._timeout_ms}")
        try:
            self._take_write_lock(timeout)
        except BaseException:
            self._release_rollout_lock()
            raise
        self._locked = True

    def _take_rollout_lock(self, timeout: float) -> None:
        try:
            handle = open(self._lock_path, "a+", encoding="utf-8")  # noqa: SIM115 - held
        except OSError as exc:
            raise DatabaseError(
                f"{self.display_url}: cannot create the rollout lock file {self._lock_path} "
                f"({os.strerror(exc.errno or 0)})."
            ) from None
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.close()
                    raise DatabaseError(
                        f"{self.display_url}: could not take the rollout lock within "
                        f"{timeout:g} s: another dbops rollout is running on this database "
                        f"({self.lock_holder() or 'holder unknown'}). Try again, or raise the "
                        f"environment's lock_timeout."
                    ) from None
                time.sleep(LOCK_POLL_SECONDS)
        handle.seek(0)
        handle.truncate()
        since = datetime.now(UTC).isoformat(timespec="seconds")
        handle.write(
            f"dbops rollout, process {os.getpid()} on {socket.gethostname()}, since {since}"
        )
        handle.flush()
        self._lock_file = handle

    def _release_rollout_lock(self) -> None:
        if self._lock_file is not None:
            self._lock_file.close()  # closing drops the flock
            self._lock_file = None

    def lock_holder(self) -> str | None:
        if self._lock_file is not None:
            return "this process"
        try:
            handle = open(self._lock_path, encoding="utf-8")  # noqa: SIM115
        except OSError:
            return None  # never locked (or not creatable): nobody holds it
        with handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except BlockingIOError:
                return handle.read(300).strip() or "another dbops rollout"
            fcntl.flock(handle, fcntl.LOCK_UN)
        return None

    def _take_write_lock(self, timeout: float) -> None:
        try:
            self.connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise DatabaseError(
                f"{self.display_url}: could not lock the database within {timeout:g} s ({exc}); "
                f"another rollout or a long write holds it. Try again, or raise the "
                f"environment's lock_timeout."
            ) from None

    def unlock(self) -> None:
        self._locked = False
        try:
            self._commit_lock_transaction()
        finally:
            self._release_rollout_lock()

    def _commit_lock_transaction(self) -> None:
        if self.connection.in_transaction:
            try:
                self.connection.execute("COMMIT")
            except sqlite3.Error as exc:
                if self.connection.in_transaction:
                    self.connection.execute("ROLLBACK")
                raise DatabaseError(
                    f"{self.display_url}: the final COMMIT failed ({exc}); SQLite rolled the "
                    f"rollout back, so nothing of it was applied."
                ) from None

    def apply(self, step: Step, applied_by: str) -> StepResult:
        """As for every engine; but SQLite may end the rollout's transaction itself (`INSERT OR
        ROLLBACK`, a full disk): then this file, and every one applied before it in this
        rollout, is gone, and the rollout must stop here, its lock lost."""
        result = super().apply(step, applied_by)
        if self._locked and not self.connection.in_transaction:
            self._locked = False
            cause = f" ({result.error})" if result.error else ""
            return replace(
                result,
                error=(
                    f"SQLite rolled back the rollout's whole transaction itself{cause}: "
                    f"{step.file} and the migrations applied before it in this rollout are not "
                    f"in the database; stopped here"
                ),
            )
        return result

    def close(self) -> None:
        self._release_rollout_lock()
        self.connection.close()  # an open transaction is rolled back, as after a crash

    def _run(self, sql: str, params: Sequence[Any] = ()) -> int:
        return self.connection.execute(sql, tuple(params)).rowcount

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return list(self.connection.execute(sql, tuple(params)).fetchall())

    def _history_ddl(self) -> str:
        return HISTORY_DDL

    def _history_exists(self) -> bool:
        rows = self._rows(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (HISTORY_TABLE,)
        )
        return bool(rows)

    def _error_text(self, exc: Exception) -> str | None:
        return str(exc) if isinstance(exc, sqlite3.Error) else None

    def _begin(self) -> None:
        self._run("SAVEPOINT dbops_step")

    def _commit(self) -> None:
        self._run("RELEASE dbops_step")

    def _rollback(self) -> None:
        if self.connection.in_transaction:
            self._run("ROLLBACK TO dbops_step")
            self._run("RELEASE dbops_step")

    def _leave_lock_transaction(self) -> None:
        if self.connection.in_transaction:
            self.connection.execute("COMMIT")

    def _enter_lock_transaction(self) -> None:
        if self._locked:
            self._take_write_lock(self._timeout_ms / 1000)

    def _timestamp(self, moment: datetime) -> Any:
        return moment.isoformat()

    def _tables_sql(self) -> str:
        return "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"

    def _columns_sql(self) -> str:
        return (
            "SELECT m.name, p.name FROM sqlite_master AS m, pragma_table_info(m.name) AS p "
            "WHERE m.type = 'table'"
        )
