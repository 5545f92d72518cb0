"""What the rollout asks of a target database, and the algorithm shared by every engine.

A `Step` (a migration or a rollback file) runs in one of two ways:
- with its history row in one transaction, where the engine has transactional DDL (PostgreSQL,
  SQLite): it is applied with its row, or not at all;
- otherwise (MySQL/MariaDB, whose DDL commits implicitly, and `-- dbops:no-transaction` files)
  the row is written `running` first and turned `applied` or `failed` (with the failing
  statement and error) after: a rollout never believes a half-applied migration was applied.
Engines supply connections, SQL spelling, and their lock.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from dbops.adapters.databases.catalog import CatalogQueries
from dbops.adapters.databases.history_records import HistoryRecords
from dbops.adapters.databases.statements import (
    history_row,
    parsed_statements,
    shorten,
    split_statements,
)
from dbops.adapters.databases.target import Clock, StatementFailed, TargetDatabase, utc_now
from dbops.errors import DatabaseError
from dbops.rollout.history import HISTORY_TABLE, HistoryRow, Status
from dbops.rollout.resume import ResumeDecision, progress_note
from dbops.rollout.steps import Step, StepResult, controls_transaction

COLUMNS = (
    "version, description, file, checksum, change_type, release_id, operation, status, "
    "started_at, finished_at, duration_ms, applied_by, error"
)


class SqlDatabase(CatalogQueries, HistoryRecords, ABC):
    """The shared rollout algorithm over a DB-API connection; subclasses spell the SQL."""

    engine: str
    dialect: str  # for splitting files into statements
    transactional_ddl: bool
    placeholder = "%s"
    # Engines whose migrations can switch schema or database qualify it, so that a file's
    # `SET search_path` or `USE` cannot send the history row elsewhere.
    history_table = HISTORY_TABLE

    def __init__(self, display_url: str, clock: Clock = utc_now) -> None:
        self.display_url = display_url
        self.clock = clock

    # --- what an engine provides -------------------------------------------------------------
    @abstractmethod
    def _run(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Execute one statement; the number of rows it affected (-1 when not a count)."""

    @abstractmethod
    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...

    @abstractmethod
    def _history_ddl(self) -> str: ...

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def _history_exists(self) -> bool: ...

    @abstractmethod
    def _error_text(self, exc: Exception) -> str | None:
        """The driver error's message (masked), or None when `exc` is not a database error."""

    def _last_rank(self) -> int:
        rows = self._rows(f"SELECT MAX(rank_id) FROM {self.history_table}")
        return int(rows[0][0])

    def _begin(self) -> None:
        self._run("BEGIN")

    def _commit(self) -> None:
        self._run("COMMIT")

    def _rollback(self) -> None:
        self._run("ROLLBACK")

    def lock_holder(self) -> str | None:
        """Who holds this target's rollout lock now (a running rollout), without taking it;
        None when nobody does. Tells a migration running now from one that was interrupted."""
        return None

    def _leave_lock_transaction(self) -> None:
        """Before a step that must run outside a transaction (SQLite's lock is one)."""

    def _enter_lock_transaction(self) -> None:
        """After such a step."""

    def _timestamp(self, moment: datetime) -> Any:
        return moment

    def _restore_session(self) -> None:
        """After each file: undo what it changed in the session (search path, database), so the
        next file starts as the first did."""

    # --- one statement at a time, as a shadow run (adapters/shadow) applies a migration -------
    def execute(self, statement: str) -> None:
        """Run one statement as written; a database error raises `StatementFailed` with the
        driver's message, passwords masked."""
        self._run_statements((statement,))

    def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._rows(sql, params)

    def begin_transaction(self) -> None:
        self._guarded("begin a transaction", self._begin)

    def commit_transaction(self) -> None:
        """COMMIT; a database error (a deferred constraint) raises `StatementFailed`."""
        try:
            self._commit()
        except Exception as exc:
            message = self._error_text(exc)
            if message is None:
                raise
            raise StatementFailed("COMMIT", message) from None

    def rollback_transaction(self) -> None:
        self._guarded("roll back", self._rollback)

    def end_file(self) -> None:
        """After each file, as the rollout does: undo what it changed in the session."""
        self._guarded("restore the session after the file", self._restore_session)

    # --- the shared algorithm ----------------------------------------------------------------
    def ensure_history(self) -> None:
        if not self._history_exists():
            self._guarded("create the history table", lambda: self._run(self._history_ddl()))
        else:
            self._guarded("widen the history table's status column", self._widen_status)

    def _widen_status(self) -> None:
        """Tables made before the `rolled back` status had a 10-character status column."""

    def read_history(self) -> list[HistoryRow]:
        if not self._guarded("look for the history table", self._history_exists):
            return []
        sql = f"SELECT rank_id, {COLUMNS} FROM {self.history_table} ORDER BY rank_id"
        rows = self._guarded("read the history table", lambda: self._rows(sql))
        return [history_row(row) for row in rows]

    def refusal(self, step: Step) -> str | None:
        """Why `step` must not run here as written (checked before anything runs), or None.

        A file that runs inside dbops' transaction must not end that transaction itself: after
        its own COMMIT, a later failure would leave part of the migration applied with no
        history row, and a rerun would apply that part twice.
        """
        if not self.transactional_ddl or step.no_transaction:
            return None
        for _, line, keywords in parsed_statements(step.sql, self.dialect):
            if controls_transaction(keywords):
                spelled = " ".join(keywords[:2] if keywords[0] == "START" else keywords[:1])
                return (
                    f"{step.file}:{line}: `{spelled}`: the file manages its own transaction, "
                    f"but dbops runs it inside one so that it and its history row commit "
                    f"together (after the file's own COMMIT, a failure would leave part of it "
                    f"applied and unrecorded). "
                    f"Remove the file's own transaction statements (dbops already runs each "
                    f"file in one transaction), or add `-- dbops:no-transaction` to its header "
                    f"to run it as written (recorded as running first, failed if it fails). "
                    f"Nothing was applied"
                )
        return None

    def apply(self, step: Step, applied_by: str) -> StepResult:
        refused = self.refusal(step)
        if refused is not None:
            return StepResult(step.version, step.file, 0, 0, 0.0, error=refused)
        statements = split_statements(step.sql, self.dialect)
        started = self.clock()
        counter = time.perf_counter()
        if self.transactional_ddl and not step.no_transaction:
            failure, rows = self._apply_in_transaction(
                step, statements, started, applied_by, counter
            )
        else:
            failure, rows = self._apply_recorded_first(
                step, statements, started, applied_by, counter
            )
        self._guarded("restore the session after the file", self._restore_session)
        return StepResult(
            version=step.version,
            file=step.file,
            statements=len(statements),
            rows_affected=rows,
            seconds=time.perf_counter() - counter,
            error=failure.error if failure else None,
            failed_statement=failure.statement if failure else None,
        )

    def _apply_in_transaction(
        self, step: Step, statements: Sequence[str], started: datetime, by: str, counter: float
    ) -> tuple[StatementFailed | None, int]:
        self._begin()
        try:
            rows = self._run_statements(statements)
            self._insert_row(step, step.done_status, started, by, counter)
            self._commit()
        except StatementFailed as failure:
            self._after_failure(step, failure, self._rollback, transactional=True)
            return failure, 0
        except BaseException:
            self._rollback()
            raise
        return None, rows

    def _after_failure(
        self,
        step: Step,
        failure: StatementFailed,
        cleanup: Callable[[], Any],
        *,
        transactional: bool,
        done: int = 0,
    ) -> None:
        """Run `cleanup` after `failure`; when the connection itself is gone (killed by
        `pg_terminate_backend` or `KILL CONNECTION`), say which migration and statement were
        running and what state the target was left in, instead of a bare driver error."""
        try:
            cleanup()
        except Exception as exc:
            if self._error_text(exc) is None:
                raise
            if transactional:
                state = (
                    f"the server rolled its transaction back: nothing of {step.file} was applied "
                    f"and no history row was written; the next rollout runs it again"
                )
            else:
                state = (
                    f"its history row stays `running`; the {done} statement(s) before it took "
                    f"effect (DDL commits at once here); the next rollout decides from the "
                    f"live schema, or asks for `dbops repair`"
                )
            raise DatabaseError(
                f"{self.display_url}: the connection was lost while {step.file} ran its "
                f"statement `{shorten(failure.statement, 120)}` ({failure.error}); {state}."
            ) from None

    def _apply_recorded_first(
        self,
        step: Step,
        statements: Sequence[str],
        started: datetime,
        by: str,
        counter: float,
        resume: tuple[int, int] | None = None,
    ) -> tuple[StatementFailed | None, int]:
        """Run `statements` with the row written `running` first and its progress recorded
        after each statement; `resume` (rank, start): finish that interrupted row instead,
        from statement `start`."""
        if resume is None:
            self._insert_row(step, Status.RUNNING, started, by, None)
            rank, start = self._last_rank(), 0
            self._note_progress(rank, 0, len(statements))  # a row without it is from before
        else:
            rank, start = resume
        total = len(statements)
        self._leave_lock_transaction()
        try:
            wrap = not step.no_transaction  # DML still gains from a transaction on MySQL
            if wrap:
                self._begin()
            try:

                def progress(done: int) -> None:
                    self._note_progress(rank, start + done, total)

                rows = self._run_statements(statements[start:], progress)
                # In the same transaction as the file's DML, where the engine still has one.
                self._finish_row(rank, step.done_status, counter, None)
                if wrap:
                    self._commit()
            except StatementFailed as failure:
                error = f"{failure.error} (statement: {shorten(failure.statement)})"

                def record() -> None:
                    if wrap:
                        self._rollback()
                    self._finish_row(rank, Status.FAILED, counter, error)

                done = statements.index(failure.statement) if failure.statement in statements else 0
                self._after_failure(step, failure, record, transactional=False, done=done)
                return failure, 0
        finally:
            self._enter_lock_transaction()
        return None, rows

    def _note_progress(self, rank: int, done: int, total: int) -> None:
        """Record that `done` statements of the running row took effect, so that a rollout
        after a kill can tell where to resume (see dbops.rollout.resume)."""
        p = self.placeholder
        self._run(
            f"UPDATE {self.history_table} SET error = {p} WHERE rank_id = {p}",
            (progress_note(done, total), rank),
        )

    def resume(self, step: Step, row: HistoryRow, start: int, applied_by: str) -> StepResult:
        """Finish `row`, interrupted, by running `step`'s statements from `start` (0-based)."""
        statements = split_statements(step.sql, self.dialect)
        counter = time.perf_counter()
        failure, rows = self._apply_recorded_first(
            step, statements, self.clock(), applied_by, counter, resume=(row.rank, start)
        )
        self._guarded("restore the session after the file", self._restore_session)
        return StepResult(
            version=step.version,
            file=step.file,
            statements=len(statements) - start,
            rows_affected=rows,
            seconds=time.perf_counter() - counter,
            error=failure.error if failure else None,
            failed_statement=failure.statement if failure else None,
        )

    def resume_point(self, row: HistoryRow, step: Step) -> ResumeDecision | None:
        """Where an interrupted `row` of `step` can resume, decided from the live schema; None
        where the engine's transactions make that question moot (or it is not answered)."""
        return None

    def _run_statements(
        self, statements: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> int:
        total = 0
        for index, statement in enumerate(statements):
            try:
                count = self._run(statement)
                if progress is not None:
                    progress(index + 1)
            except Exception as exc:
                message = self._error_text(exc)
                if message is None:
                    raise
                raise StatementFailed(statement, message) from None
            total += max(count, 0)
        return total

    def _insert_row(
        self, step: Step, status: Status, started: datetime, by: str, counter: float | None
    ) -> None:
        finished = self._timestamp(self.clock()) if counter is not None else None
        duration = round((time.perf_counter() - counter) * 1000) if counter is not None else None
        values = (
            step.version,
            step.description,
            step.file,
            step.checksum,
            step.change_type,
            step.release,
            step.operation.value,
            status.value,
            self._timestamp(started),
            finished,
            duration,
            by,
            None,
        )
        marks = ", ".join([self.placeholder] * len(values))
        self._run(f"INSERT INTO {self.history_table} ({COLUMNS}) VALUES ({marks})", values)

    def _finish_row(self, rank: int, status: Status, counter: float, error: str | None) -> None:
        duration = round((time.perf_counter() - counter) * 1000)
        p = self.placeholder
        self._run(
            f"UPDATE {self.history_table} SET status = {p}, finished_at = {p}, duration_ms = {p}, "
            f"error = {p} WHERE rank_id = {p}",
            (status.value, self._timestamp(self.clock()), duration, error, rank),
        )

    def _guarded(self, doing: str, action: Callable[[], Any]) -> Any:
        try:
            return action()
        except Exception as exc:
            message = self._error_text(exc)
            if message is None:
                raise
            raise DatabaseError(f"{self.display_url}: could not {doing}: {message}") from None


__all__ = ["COLUMNS", "Clock", "SqlDatabase", "StatementFailed", "TargetDatabase", "utc_now"]
