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
class Edit:
    """Replace the text from (`line`, `column`) up to, not including, (`end_line`,
    `end_column`) of a migration file with `replacement`. Positions are 1-based characters; an
    insertion has its end equal to its start."""

    line: int
    column: int
    end_line: int
    end_column: int
    replacement: str

    @classmethod
    def insert(cls, line: int, column: int, text: str) -> Edit:
        return cls(line, column, line, column, text)


@dataclass(frozen=True)
class Fix:
    """A mechanical change that removes the finding: data, applied by `core.fixes`, never by
    the rule that proposes it."""

    description: str
    edits: tuple[Edit, ...]


@dataclass(frozen=True)
class Finding:
    """One problem in one place. Lines and columns are 1-based; the span of the element at
    fault ends at (`end_line`, `end_column`), the column of its last character (0: not known,
    the finding points at one character)."""

    rule: str
    level: Level
    file: str
    line: int
    column: int
    message: str
    risk: Risk = Risk.LOW
    source: str = "dbops"  # "bytebase" for advices merged from a server's review
    bytebase_type: str | None = None
    end_line: int = 0
    end_column: int = 0
    help: str = ""  # what to do instead, one sentence
    fix: Fix | None = None

    @property
    def end(self) -> tuple[int, int]:
        """Where the element at fault ends (its start when the span is not known)."""
        if self.end_line < self.line or (
            self.end_line == self.line and self.end_column < self.column
        ):
            return (self.line, self.column)
        return (self.end_line, self.end_column)

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.rule)
