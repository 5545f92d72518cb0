"""MySQL and MariaDB targets through PyMySQL (the `mysql` extra).

DDL commits implicitly here, so a migration cannot share a transaction with its history row:
the row is written `running` first and turned `applied` or `failed` after. A failed (or
interrupted) migration stops later rollouts until `dbops repair`. The rollout lock is
`GET_LOCK`, which the server releases when the session ends.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl

from dbops import requirement
from dbops.adapters.databases.base import Clock, SqlDatabase, utc_now
from dbops.adapters.databases.urls import mask_secrets, split_url
from dbops.errors import ConfigError, DatabaseError
from dbops.rollout.history import HISTORY_TABLE, HistoryRow
from dbops.rollout.resume import Fact, ResumeDecision, decide_resume, progress_of
from dbops.rollout.steps import Step

STATUS_WIDTH = 20  # `rolled back` and room to spare

HISTORY_DDL = """CREATE TABLE IF NOT EXISTS {table} (
  rank_id BIGINT AUTO_INCREMENT PRIMARY KEY,
  version VARCHAR(100) NOT NULL,
  description VARCHAR(500) NOT NULL,
  file VARCHAR(1000) NOT NULL,
  checksum VARCHAR(100) NOT NULL,
  change_type VARCHAR(10) NOT NULL,
  release_id VARCHAR(200) NOT NULL,
  operation VARCHAR(10) NOT NULL,
  status VARCHAR(20) NOT NULL,
  started_at DATETIME(6) NOT NULL,
  finished_at DATETIME(6) NULL,
  duration_ms BIGINT NULL,
  applied_by VARCHAR(200) NOT NULL,
  error TEXT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"""


class MysqlDatabase(SqlDatabase):
    engine = "mysql"
    dialect = "mysql"
    transactional_ddl = False

    def __init__(self, url: str, display_url: str, clock: Clock = utc_now) -> None:
        super().__init__(display_url, clock)
        try:
            import pymysql
        except ImportError:
            raise ConfigError(
                f"{display_url}: MySQL and MariaDB targets need the PyMySQL driver. Install it "
                f'with `pip install "{requirement("mysql")}"`.'
            ) from None
        self._pymysql = pymysql
        self._url = url
        host, user, port, database, password, query = split_url(url)
        if not database:
            raise ConfigError(f"{display_url}: the URL names no database (mysql://host/DATABASE).")
        options = dict(parse_qsl(query))
        try:
            self.connection = pymysql.connect(
                host=host,
                port=port or 3306,
                user=user or None,
                password=password or "",
                database=database,
                autocommit=True,
                charset=options.get("charset", "utf8mb4"),
                connect_timeout=30,
            )
        except pymysql.err.MySQLError as exc:
            raise DatabaseError(f"{display_url}: cannot connect: {self._message(exc)}") from None
        self._lock_name: str | None = None
        # The history lives in the URL's database whatever a migration's `USE` says; the
        # session goes back to that database after each file.
        self._database = database
        self.history_table = f"{_quoted(database)}.{HISTORY_TABLE}"

    def _lock_key(self) -> str:
        return f"dbops:{self._database}"[:64]  # GET_LOCK names: server-wide, 64 characters

    def lock(self, timeout: float) -> None:
        name = self._lock_key()
        if self._rows("SELECT GET_LOCK(%s, %s)", (name, timeout))[0][0] != 1:
            holder = self.lock_holder() or "its holder could not be read"
            raise DatabaseError(
                f"{self.display_url}: could not take the rollout lock within {timeout:g} s: "
                f"another dbops rollout is running on this database ({holder}). Try again, or "
                f"raise the environment's lock_timeout."
            )
        self._lock_name = name

    def lock_holder(self) -> str | None:
        """The connection holding the rollout lock: id, command, what it runs, for how long."""
        if self._lock_name is not None:
            return "this process"
        rows = self._guarded(
            "look for the rollout lock's holder",
            lambda: self._rows(
                "SELECT p.ID, p.HOST, p.COMMAND, p.TIME, p.INFO "
                "FROM information_schema.PROCESSLIST p WHERE p.ID = IS_USED_LOCK(%s)",
                (self._lock_key(),),
            ),
        )
        if not rows:
            return None
        ident, host, command, seconds, info = rows[0]
        statement = " ".join(str(info or "").split())[:200]
        return (
            f"held by connection {ident} from {host}, {command} for {seconds} s"
            f"{f', running `{statement}`' if statement else ''}; if no rollout is running, it is "
            f"the orphan of a killed one: end it with KILL CONNECTION {ident}"
        )

    def unlock(self) -> None:
        if self._lock_name is not None:
            self._rows("SELECT RELEASE_LOCK(%s)", (self._lock_name,))
            self._lock_name = None

    def close(self) -> None:
        self.connection.close()

    def _run(self, sql: str, params: Sequence[Any] = ()) -> int:
        with self.connection.cursor() as cursor:
            return int(cursor.execute(sql, tuple(params) if params else None))

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self.connection.cursor() as cursor:
            cursor.execute(sql, tuple(params) if params else None)
            return list(cursor.fetchall())

    def _widen_status(self) -> None:
        rows = self._rows(
            "SELECT character_maximum_length FROM information_schema.columns "
            "WHERE table_schema = %s AND table_name = %s AND column_name = 'status'",
            (self._database, HISTORY_TABLE),
        )
        if rows and int(rows[0][0]) < STATUS_WIDTH:
            self._run(
                f"ALTER TABLE {self.history_table} MODIFY status VARCHAR({STATUS_WIDTH}) NOT NULL"
            )

    def _history_ddl(self) -> str:
        return HISTORY_DDL.format(table=self.history_table)

    def _tables_sql(self) -> str:
        return "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"

    def _columns_sql(self) -> str:
        return (
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = DATABASE()"
        )

    def _history_exists(self) -> bool:
        rows = self._rows(
            "SELECT COUNT(*) FROM information_schema.tables "
            "WHERE table_schema = %s AND table_name = %s",
            (self._database, HISTORY_TABLE),
        )
        return bool(rows[0][0])

    def resume_point(self, row: HistoryRow, step: Step) -> ResumeDecision | None:
        """DDL commits at once here: after a kill, decide from the live schema which statement
        of the interrupted migration to resume at (see dbops.rollout.resume)."""
        if row.checksum != step.checksum:
            return ResumeDecision(None, f"{step.file} changed since the interrupted run")
        progress = progress_of(row.error)
        if progress is None:
            return ResumeDecision(None, "the interrupted run recorded no progress")
        from dbops.core.sql import parse_sql
        from dbops.parsing import typed_statements

        parsed = parse_sql(step.sql, self.dialect)
        typed = typed_statements(parsed, self.dialect)
        texts = [statement.text for statement in parsed.statements]
        done, total = progress
        decision: ResumeDecision = self._guarded(
            "look up the interrupted migration's effects",
            lambda: decide_resume(typed, texts, done, total, self._holds, file=step.file),
        )
        return decision

    def _holds(self, fact: Fact) -> bool:
        schema = fact.table.schema.value if fact.table.schema else self._database
        table = fact.table.name.value
        if fact.kind == "table":
            sql = (
                "SELECT COUNT(*) FROM information_schema.TABLES "
                "WHERE TABLE_SCHEMA = %s AND TABLE_NAME = %s"
            )
            params: tuple[str, ...] = (schema, table)
        else:
            view, column = (
                ("COLUMNS", "COLUMN_NAME")
                if fact.kind == "column"
                else ("STATISTICS", "INDEX_NAME")
            )
            sql = (
                f"SELECT COUNT(*) FROM information_schema.{view} WHERE TABLE_SCHEMA = %s "
                f"AND TABLE_NAME = %s AND LOWER({column}) = LOWER(%s)"
            )
            params = (schema, table, fact.name)
        present = bool(self._rows(sql, params)[0][0])
        return present == fact.present

    def _restore_session(self) -> None:
        self._run(f"USE {_quoted(self._database)}")

    def _last_rank(self) -> int:
        return int(self._rows("SELECT LAST_INSERT_ID()")[0][0])

    def _error_text(self, exc: Exception) -> str | None:
        if not isinstance(exc, self._pymysql.err.MySQLError):
            return None
        return self._message(exc)

    def _message(self, exc: Exception) -> str:
        args: tuple[Any, ...] = tuple(getattr(exc, "args", ()))
        text = f"({args[0]}) {args[1]}" if len(args) >= 2 else str(exc)
        return mask_secrets(text, self._url)

    def _timestamp(self, moment: datetime) -> Any:
        return moment.astimezone(UTC).replace(tzinfo=None)  # DATETIME has no time zone


def _quoted(identifier: str) -> str:
    return "`" + identifier.replace("`", "``") + "`"
