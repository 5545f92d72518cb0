"""History rows written without running anything: `dbops repair` clearing a failed row, and
`baseline` / `import-history` recording migrations that ran elsewhere. Mixed into SqlDatabase."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from functools import partial
from typing import Any, Protocol

from dbops.rollout.history import HistoryRow, Status
from dbops.rollout.steps import Recorded, Step


class _Writer(Protocol):
    """The parts of SqlDatabase these writes use."""

    placeholder: str
    history_table: str
    clock: Callable[[], datetime]

    def _run(self, sql: str, params: Sequence[Any] = ()) -> int: ...
    def _guarded(self, doing: str, action: Callable[[], Any]) -> Any: ...
    def _begin(self) -> None: ...
    def _commit(self) -> None: ...
    def _rollback(self) -> None: ...
    def _last_rank(self) -> int: ...
    def _timestamp(self, moment: datetime) -> Any: ...
    def _insert_row(
        self, step: Step, status: Status, started: datetime, by: str, counter: float | None
    ) -> None: ...


class HistoryRecords:
    def clear_rows(self: _Writer, rows: Sequence[HistoryRow], status: Status, note: str) -> None:
        """`dbops repair`: turn failed or interrupted rows `cleared` (or `applied`), noting why."""
        p = self.placeholder
        sql = f"UPDATE {self.history_table} SET status = {p}, error = {p} WHERE rank_id = {p}"
        for row in rows:
            error = f"{row.error} [{note}]" if row.error else f"[{note}]"
            values = (status.value, error, row.rank)
            self._guarded("update the history table", partial(self._run, sql, values))

    def record(self: _Writer, entries: Sequence[Recorded], status: Status) -> None:
        """History rows for migrations that already ran elsewhere, all in one transaction."""

        def write() -> None:
            self._begin()
            try:
                for entry in entries:
                    started = entry.applied_at or self.clock()
                    self._insert_row(entry.step, status, started, entry.applied_by, None)
                    rank = self._last_rank()
                    self._run(
                        f"UPDATE {self.history_table} SET finished_at = {self.placeholder}, "
                        f"duration_ms = 0 WHERE rank_id = {self.placeholder}",
                        (self._timestamp(started), rank),
                    )
                self._commit()
            except BaseException:
                self._rollback()
                raise

        self._guarded("write the history table", write)
