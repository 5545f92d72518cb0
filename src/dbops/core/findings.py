"""Findings are data: what a review found, where, and how much it matters."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Level(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"  # worth knowing, never a failure (`not-reviewed`)

    @property
    def fails(self) -> bool:
        """Whether `fail_on: warning` counts it."""
        return self is not Level.INFO


class Risk(StrEnum):
    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"

    @property
    def rank(self) -> int:
        return _RISK_RANK[self]


_RISK_RANK = {Risk.LOW: 0, Risk.MODERATE: 1, Risk.HIGH: 2}


@dataclass(frozen=True)
class Finding:
    """One problem in one place. Lines and columns are 1-based."""

    rule: str
    level: Level
    file: str
    line: int
    column: int
    message: str
    risk: Risk = Risk.LOW
    source: str = "dbops"  # "bytebase" for advices merged from a server's review
    bytebase_type: str | None = None

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.rule)
