"""Helpers of the rollout algorithm: a file's statements as written, history rows from
driver rows, short statement text for messages."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache
from typing import Any

from dbops.rollout.history import HistoryRow, Operation, Status


def split_statements(sql: str, dialect: str) -> tuple[str, ...]:
    """The file's statements as written (so `$$` bodies and comments inside stay intact)."""
    return tuple(text for text, _, _ in parsed_statements(sql, dialect))


@lru_cache(maxsize=4096)
def parsed_statements(sql: str, dialect: str) -> tuple[tuple[str, int, tuple[str, ...]], ...]:
    """(text, line, first upper-cased tokens) of each statement of a file.

    Cached: a rollout to many targets splits each file once, not once per target. sqlglot is
    imported here, not at the top: a rollout with nothing to do never needs it.
    """
    from dbops.core.sql import parse_sql

    parsed = parse_sql(sql, dialect)
    if parsed.error is not None:
        # Not even tokenizable for our splitter: let the database judge the file as one piece.
        return ((sql, 1, ()),) if sql.strip() else ()
    return tuple((s.text, s.line, s.keywords[:3]) for s in parsed.statements)


def shorten(statement: str, limit: int = 300) -> str:
    flat = " ".join(statement.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def history_row(row: Sequence[Any]) -> HistoryRow:
    return HistoryRow(
        rank=int(row[0]),
        version=str(row[1]),
        description=str(row[2] or ""),
        file=str(row[3] or ""),
        checksum=str(row[4] or ""),
        change_type=str(row[5] or ""),
        release=str(row[6] or ""),
        operation=Operation(row[7]),
        status=Status(row[8]),
        started_at=as_text(row[9]) or "",
        finished_at=as_text(row[10]),
        duration_ms=int(row[11]) if row[11] is not None else None,
        applied_by=str(row[12] or ""),
        error=as_text(row[13]),
    )
