"""The statement every node derives from, and the honest fallback for what is not modelled."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from dbops.core.statements.parts import NO_SPAN, Span


@dataclass(frozen=True, kw_only=True)
class Statement:
    """One SQL statement of a migration file, as dbops models it.

    `text` is the statement as written (no trailing semicolon), `span` where it stands in the
    file. `kind` names the node type for reports (`check --format json`'s `statements[].kind`)
    and for the engine, which hands a rule only the kinds it registered for.
    """

    kind: ClassVar[str] = "statement"
    text: str = field(default="", compare=False)
    span: Span = field(default=NO_SPAN, compare=False)


@dataclass(frozen=True, kw_only=True)
class Unmodelled(Statement):
    """A statement dbops does not model (yet): `reason` says why, `first_words` what it is
    (`VACUUM`, `CREATE RULE`), `valid` whether a parser of the dialect accepted it. Rules skip
    it; the review reports it as `not-reviewed` unless a validator accepted it."""

    kind: ClassVar[str] = "unmodelled"
    reason: str
    first_words: str = ""
    valid: bool | None = None  # None: no parser could tell


@dataclass(frozen=True, kw_only=True)
class Invalid(Statement):
    """A statement the dialect's parser rejects: a `syntax-error` finding at `error_span`."""

    kind: ClassVar[str] = "invalid"
    message: str
    error_span: Span = field(default=NO_SPAN, compare=False)
