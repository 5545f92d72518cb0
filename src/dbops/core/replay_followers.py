"""The schema replayed statement by statement as the review walks a file, with followers for the
schema after a statement and at the end of its file."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dbops.core.schema import SchemaModel
from dbops.core.statements import Statement

# A schema follower further behind than this is dropped (and copied afresh if asked again), so
# the statements kept for it stay bounded.
MAX_FOLLOWER_LAG = 2048
LOG_TRIM_STEP = 256


class SchemaReplay:
    """The schema model replayed statement by statement, as rules need it.

    `before` is the schema before the statement under review. Rules may also ask for the schema
    after it and at the end of its file (`StatementContext.schema_after()`, `schema_at_end()`):
    those are followers, copies that replay the same statements only when, and as far as, a rule
    reads them. Copying the whole model for every such question made a review quadratic in the
    length of the history; a follower costs one copy, then one `apply` per statement. Every
    model is shared by all rules: read-only.
    """

    def __init__(self, dialect: str, start: SchemaModel | None = None) -> None:
        self.before = start if start is not None else SchemaModel(dialect=dialect)
        self._applied = 0  # statements applied to `before`
        self._log: list[tuple[Statement, str]] = []  # from statement number _log_start on
        self._log_start = 0
        self._file_end = 0  # number of the first statement after the current file
        self._followers: dict[str, _Follower] = {}

    def enter_file(self, typed: Sequence[Statement], origin: str) -> None:
        self._log.extend((statement, origin) for statement in typed)
        self._file_end = self._log_start + len(self._log)

    def leave_statement(self, statement: Statement, origin: str) -> None:
        self.before.apply(statement, origin)
        self._applied += 1
        self._forget_old_statements()

    def skip_file(self, typed: Sequence[Statement], origin: str) -> None:
        """A file outside the selection: it only moves the history on."""
        self.enter_file(typed, origin)
        for statement in typed:
            self.leave_statement(statement, origin)

    def after_statement(self) -> SchemaModel:
        return self._follow("after", self._applied + 1)

    def at_file_end(self) -> SchemaModel:
        return self._follow("at_end", self._file_end)

    def _follow(self, name: str, target: int) -> SchemaModel:
        follower = self._followers.get(name)
        if follower is None:  # first question, or it fell too far behind: start from `before`
            follower = self._followers[name] = _Follower(self.before.copy(), self._applied)
        for statement, origin in self._log[
            follower.position - self._log_start : target - self._log_start
        ]:
            follower.model.apply(statement, origin)
        follower.position = max(follower.position, target)
        return follower.model

    def _forget_old_statements(self) -> None:
        for name, follower in list(self._followers.items()):
            if follower.position < self._applied - MAX_FOLLOWER_LAG:
                del self._followers[name]  # nobody asked for a while; copy again if asked
        keep_from = min([self._applied, *(f.position for f in self._followers.values())])
        if keep_from - self._log_start >= LOG_TRIM_STEP:
            del self._log[: keep_from - self._log_start]
            self._log_start = keep_from


@dataclass
class _Follower:
    model: SchemaModel
    position: int  # statements applied to `model`
