"""The review engine's small parts: rule dispatch by statement type, statement views, positions,
the lock impact on existing tables, internal-error findings."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import TypeVar, overload

from dbops.core.findings import Finding, Level
from dbops.core.locks import LockImpact
from dbops.core.policy import ActiveRule
from dbops.core.review_result import INTERNAL_ERROR
from dbops.core.schema import SchemaModel
from dbops.core.sql import (
    ParsedStatement,
    Verdict,
)
from dbops.core.statements import Invalid, Statement, Unmodelled
from dbops.rules.base import Rule, RuleScope

SYNTAX_ERROR = "syntax-error"
_T = TypeVar("_T")


class SpanView(Sequence[_T]):
    """Statements `start:stop` of a file without copying them: slicing the earlier and later
    statements anew for each statement made a file of 40,000 statements take 11 s more."""

    __slots__ = ("_items", "_start", "_stop")

    def __init__(self, items: tuple[_T, ...], start: int, stop: int) -> None:
        self._items, self._start, self._stop = items, start, stop

    def __len__(self) -> int:
        return self._stop - self._start

    @overload
    def __getitem__(self, index: int) -> _T: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[_T]: ...

    def __getitem__(self, index: int | slice) -> _T | Sequence[_T]:
        if isinstance(index, slice):
            return self._items[self._start : self._stop][index]
        position = index + len(self) if index < 0 else index
        if not 0 <= position < len(self):
            raise IndexError(index)
        return self._items[self._start + position]

    def __iter__(self) -> Iterator[_T]:
        return map(self._items.__getitem__, range(self._start, self._stop))

    def __reversed__(self) -> Iterator[_T]:
        return map(self._items.__getitem__, range(self._stop - 1, self._start - 1, -1))


class FirstColumns:
    """The column of each line's first non-blank character (1-based): where a finding on a later
    line of a statement points when its rule names only the line (a column definition of a
    multi-line CREATE TABLE). Lines are split on newlines only, as statement positions are."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._lines: list[str] | None = None

    def at(self, line: int) -> int:
        source = self._line(line)
        return len(source) - len(source.lstrip()) + 1

    def length(self, line: int) -> int:
        """The column of the line's last non-blank character (0 for a blank line)."""
        return len(self._line(line).rstrip())

    def _line(self, line: int) -> str:
        if self._lines is None:
            self._lines = self._text.split("\n")
        return self._lines[line - 1] if 0 < line <= len(self._lines) else ""


class RuleDispatch:
    """The statement rules each kind of typed statement meets, in policy order: a rule sees only
    the statement types it registered for (`statement_kinds`), and a statement no normalizer
    modelled or no parser accepted only the rules that ask for those (`not-reviewed`,
    `syntax-error`). Worked out once per statement type, not per statement."""

    def __init__(self, rules: Sequence[ActiveRule]) -> None:
        self._rules = [active for active in rules if active.rule.scope is RuleScope.STATEMENT]
        self._by_type: dict[type[Statement], list[ActiveRule]] = {}

    def rules_for(self, node: Statement) -> list[ActiveRule]:
        kind = type(node)
        found = self._by_type.get(kind)
        if found is None:
            found = self._by_type[kind] = [a for a in self._rules if inspects(a.rule, node)]
        return found


def unmodelled_names(path: str, nodes: Sequence[Statement]) -> list[str]:
    """The statements of a file no normalizer models, as `file:line (first words)`."""
    return [
        f"{path}:{node.span.line} ({node.first_words or first_words(node.text)})"
        for node in nodes
        if isinstance(node, Unmodelled)
    ]


def prepared(node: Unmodelled, verdict: Verdict | None) -> Statement:
    """An unmodelled statement with the engine's word on it: valid, or a syntax error."""
    if verdict is None:
        return node
    if verdict.valid:
        return replace(node, valid=True)
    return Invalid(
        text=node.text,
        span=node.span,
        message=verdict.message or "the engine rejects this statement",
        error_span=node.span,
    )


def on_existing_tables(impact: LockImpact, schema: SchemaModel, path: str) -> LockImpact:
    """The impact without the tables this same migration created: nobody else can see them
    before COMMIT, so locking, rewriting or scanning them blocks no one."""

    def new(relation: str) -> bool:
        table = schema.tables.get(relation)
        return table is not None and table.created_in == path

    if not any(new(lock.relation) for lock in impact.locks):
        return impact
    return replace(
        impact,
        locks=tuple(lock for lock in impact.locks if not new(lock.relation)),
        rewrites=tuple(r for r in impact.rewrites if not new(r)),
        scans=tuple(r for r in impact.scans if not new(r)),
    )


# The not-modelled statements a note names before it says "and N more".
NAMED_OPAQUE = 10


def named(opaque: Sequence[str]) -> str:
    shown = ", ".join(opaque[:NAMED_OPAQUE])
    more = len(opaque) - NAMED_OPAQUE
    return f"{shown} and {more} more" if more > 0 else shown


def first_words(text: str, count: int = 3) -> str:
    return " ".join(text[:200].split()[:count])


def reads_later(rules: Sequence[ActiveRule]) -> bool:
    """Whether an active rule asks what later migrations make NOT NULL (the pre-pass parses
    the files that say NOT NULL once more: skipped when nobody asks)."""
    return any(active.rule.reads_later_not_null for active in rules)


def internal_error_finding(
    rule: str, path: str, statement: ParsedStatement, error: Exception
) -> Finding:
    """The finding for a rule that raised: which rule, on which statement, and what it raised
    (an exception's text is dbops' own, never a secret: rules see only SQL files)."""
    first_line = statement.text.split("\n", 1)[0][:80]
    return Finding(
        INTERNAL_ERROR,
        Level.ERROR,
        path,
        statement.line,
        statement.column,
        f"rule '{rule}' failed on the statement `{first_line}` ({type(error).__name__}: "
        f"{error}); the other rules still ran. This is a bug in dbops: please report it "
        f"with this statement.",
    )


def inspects(rule: Rule, node: Statement) -> bool:
    """Whether a rule on the typed model looks at this statement: only the kinds it registered
    for, and never a statement no normalizer modelled (unless it asks for those)."""
    if rule.statement_kinds:
        return isinstance(node, rule.statement_kinds)
    return not isinstance(node, Unmodelled | Invalid)


def level_of(rules: Sequence[ActiveRule], name: str) -> Level | None:
    for active in rules:
        if active.rule.name == name:
            return active.level
    return None
