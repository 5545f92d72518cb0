"""The review engine: every statement of the selected migrations through the active rules,
with the schema replayed from everything before it."""

from __future__ import annotations

import difflib
import itertools
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar, overload

from dbops.core.directives import Ignore
from dbops.core.finding_spans import removal_of_directive, violation_end
from dbops.core.findings import Finding, Level, Risk
from dbops.core.locks import LockImpact, TargetVersion, lock_impact, target_version
from dbops.core.migrations import MigrationFile, MigrationSet
from dbops.core.pending import NO_KEYS, ColumnKey, made_not_null_later
from dbops.core.policy import ActivePolicy, ActiveRule
from dbops.core.risk import highest, statement_risk
from dbops.core.schema import SchemaModel
from dbops.core.schema_changes import SchemaChange, snapshot, statement_changes
from dbops.core.shadow import ShadowStatement
from dbops.core.sql import (
    ParsedFile,
    ParsedStatement,
    StatementValidator,
    Verdict,
    parse_sql,
)
from dbops.core.statements import Invalid, Statement, Unmodelled
from dbops.core.verdicts import EnvironmentVerdict
from dbops.parsing import typed_statements
from dbops.rules.base import Rule, RuleScope, StatementContext
from dbops.rules.registry import RULES, lookup_rule

SYNTAX_ERROR = "syntax-error"
# A rule that raised on a statement: reported as a finding (the other rules still run, the report
# is still written), then the check exits 2.
INTERNAL_ERROR = "internal-error"
UNUSED_IGNORE = "unused-ignore"
_T = TypeVar("_T")
# Checks a statement no normalizer models against the replayed schema (an engine: an adapter's,
# handed in by the command layer); None when it cannot tell.
StatementPreparer = Callable[[str, SchemaModel], Verdict | None]
# Below this much SQL a review runs in this process: starting workers would cost more than it
# saves. Measured with benchmarks/check_bench.py.
PARALLEL_MIN_BYTES = 256 * 1024
# A schema follower further behind than this is dropped (and copied afresh if asked again), so
# the statements kept for it stay bounded.
MAX_FOLLOWER_LAG = 2048
LOG_TRIM_STEP = 256


@dataclass(frozen=True)
class StatementImpact:
    """What one statement does to the tables it touches (the lock model's verdict), with
    where it stands: `check --format json`'s `statements`, `dbops explain`, the PR comment."""

    file: str
    line: int
    kind: str
    impact: LockImpact
    text: str = ""  # the statement's first line, for timelines
    shadow: ShadowStatement | None = None  # how a shadow run (`check --shadow`) ran it


@dataclass(frozen=True)
class FileReview:
    path: str
    version: str
    change_type: str
    statements: int
    risk: Risk
    findings: tuple[Finding, ...]
    impacts: tuple[StatementImpact, ...] = ()
    in_transaction: bool = True
    schema_changes: tuple[SchemaChange, ...] = ()  # what the file changes, statement by statement


@dataclass(frozen=True)
class ReviewResult:
    files: tuple[FileReview, ...]
    findings: tuple[Finding, ...]
    policy: str
    dialect: str
    notes: tuple[str, ...] = field(default_factory=tuple)  # e.g. statements only read as text
    target: TargetVersion | None = None  # the server version the review judged for
    # Each environment's own review of the same change (`check` fills it in for the PR).
    environments: tuple[EnvironmentVerdict, ...] = ()

    @property
    def impacts(self) -> tuple[StatementImpact, ...]:
        return tuple(impact for file in self.files for impact in file.impacts)

    @property
    def errors(self) -> int:
        return sum(1 for finding in self.findings if finding.level == Level.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for finding in self.findings if finding.level == Level.WARNING)

    @property
    def statements(self) -> int:
        return sum(file.statements for file in self.files)

    def exit_code(self, fail_on: str) -> int:
        if self.internal_errors:
            return 2  # a rule failed: the report is written, but the review is incomplete
        if fail_on == "never":
            return 0
        if fail_on == "warning":
            return 1 if any(finding.level.fails for finding in self.findings) else 0
        return 1 if self.errors else 0

    @property
    def internal_errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.rule == INTERNAL_ERROR)

    def with_findings(self, extra: Sequence[Finding]) -> ReviewResult:
        """The same review with more findings (cross-file checks, a server's advices)."""
        merged = sorted([*self.findings, *extra], key=lambda finding: finding.sort_key)
        by_file: dict[str, list[Finding]] = {}
        for finding in merged:
            by_file.setdefault(finding.file, []).append(finding)
        files = tuple(
            FileReview(
                path=file.path,
                version=file.version,
                change_type=file.change_type,
                statements=file.statements,
                risk=file.risk,
                findings=tuple(by_file.get(file.path, ())),
                impacts=file.impacts,
                in_transaction=file.in_transaction,
                schema_changes=file.schema_changes,
            )
            for file in self.files
        )
        return ReviewResult(
            files,
            tuple(merged),
            self.policy,
            self.dialect,
            self.notes,
            self.target,
            self.environments,
        )


def review(
    migrations: MigrationSet,
    policy: ActivePolicy,
    dialect: str,
    selected: Iterable[str] | None = None,
    *,
    jobs: int | None = None,
    parallel_min_bytes: int = PARALLEL_MIN_BYTES,
    validator: StatementValidator | None = None,
    target: TargetVersion | None = None,
    preparer: StatementPreparer | None = None,
) -> ReviewResult:
    """Review the `selected` migration paths (all when None); earlier ones build the schema.

    Above `parallel_min_bytes` of SQL the work is spread over `jobs` processes (default: the
    CPUs this process may use); the result is the same as the serial review's, finding for
    finding. `validator` judges the statements sqlglot rejects (default: the core's own for
    the dialect).
    """
    wanted = None if selected is None else frozenset(selected)
    # Later migrations cannot change the review of earlier ones.
    todo = tuple(migrations)[: _last_wanted_index(migrations, wanted) + 1]
    judged_for = target or default_target(dialect)
    rules = policy.for_dialect(dialect)
    reviewed = [m for m in todo if wanted is None or m.path in wanted]
    later = made_not_null_later(reviewed, dialect) if _reads_later(rules) else {}
    batch = ReviewBatch(
        todo, wanted, rules, dialect, validator, judged_for, preparer, later_not_null=later
    )
    workers = usable_cpus() if jobs is None else jobs
    if workers > 1 and sum(len(m.text) for m in batch.reviewed) >= parallel_min_bytes:
        from dbops.core.review_pool import review_in_processes

        reviews, opaque = review_in_processes(batch, workers)
    else:
        reviews, opaque = batch.run(SchemaReplay(dialect))
    findings = tuple(finding for file in reviews for finding in file.findings)
    notes = (
        (
            f"{len(opaque)} statement(s) are not modelled by dbops; no rule reviewed them "
            f"(each was validated by the dialect's grammar or engine, or is reported "
            f"not-reviewed): {_named(opaque)}.",
        )
        if opaque
        else ()
    )
    return ReviewResult(tuple(reviews), findings, policy.name, dialect, notes, judged_for)


def default_target(dialect: str) -> TargetVersion:
    """The newest server of the dialect's engine that the lock model knows."""
    engine = dialect if dialect in ("postgres", "mysql", "mariadb", "sqlite") else "mysql"
    return target_version(engine, None)


def usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _last_wanted_index(migrations: MigrationSet, wanted: frozenset[str] | None) -> int:
    if wanted is None:
        return len(migrations) - 1
    indexes = [index for index, file in enumerate(migrations) if file.path in wanted]
    return max(indexes, default=-1)


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


@dataclass(frozen=True, kw_only=True)
class _ReplayedStatementContext(StatementContext):
    """The typed-statement context with the after-states the replay already holds."""

    replay: SchemaReplay = field(repr=False)

    def schema_after(self) -> SchemaModel:
        return self.replay.after_statement()

    def schema_at_end(self) -> SchemaModel:
        return self.replay.at_file_end()


@dataclass(frozen=True)
class ReviewBatch:
    """Consecutive migrations to review (or, outside `wanted`, only to replay) with one set of
    rules; the unit of work of the serial review and of each process of the parallel one."""

    migrations: tuple[MigrationFile, ...]
    wanted: frozenset[str] | None
    rules: tuple[ActiveRule, ...]
    dialect: str
    validator: StatementValidator | None = None  # a module-level function: batches are pickled
    target: TargetVersion | None = None
    preparer: StatementPreparer | None = None  # module-level too
    # Path -> the columns later reviewed files make NOT NULL (core/pending.py).
    later_not_null: Mapping[str, frozenset[ColumnKey]] = field(default_factory=dict)

    def parse(self) -> list[ParsedFile]:
        return [self._parse(migration) for migration in self.migrations]

    def _parse(self, migration: MigrationFile) -> ParsedFile:
        return parse_sql(migration.text, self.dialect, self.validator)

    def typed(self, parsed: Sequence[ParsedFile]) -> list[tuple[Statement, ...]]:
        """Each parsed file's typed statements (normalized once, for the rules and the replay)."""
        return [typed_statements(parsed_file, self.dialect) for parsed_file in parsed]

    def run(
        self,
        replay: SchemaReplay,
        parsed: Sequence[ParsedFile] | None = None,
        typed: Sequence[tuple[Statement, ...]] | None = None,
    ) -> tuple[list[FileReview], tuple[str, ...]]:
        """Review the batch from the schema in `replay`; returns the file reviews and how many
        statements no normalizer models (each as `file:line (first words)`)."""
        reviews: list[FileReview] = []
        opaque: list[str] = []
        for position, migration in enumerate(self.migrations):
            parsed_file = parsed[position] if parsed is not None else self._parse(migration)
            nodes = (
                typed[position]
                if typed is not None
                else typed_statements(parsed_file, self.dialect)
            )
            if self.wanted is not None and migration.path not in self.wanted:
                replay.skip_file(nodes, migration.path)
                continue
            reviews.append(
                _review_file(
                    migration,
                    parsed_file,
                    nodes,
                    self.rules,
                    replay,
                    self.dialect,
                    self.target or default_target(self.dialect),
                    self.preparer,
                    self.later_not_null.get(migration.path, NO_KEYS),
                )
            )
            opaque.extend(_unmodelled(migration.path, nodes))
        return reviews, tuple(opaque)

    def split(self, weights: Sequence[float]) -> list[ReviewBatch]:
        """Consecutive parts of this batch sized by `weights` (of its SQL, all of which is
        parsed): together they replay and review what this batch does, when each runs from the
        schema the parts before it leave (`replay_onto`)."""
        sizes = [len(migration.text) + 1 for migration in self.migrations]
        bounds, goal, done, end = [0], 0.0, 0, 0
        for weight in weights[:-1]:
            goal += weight / sum(weights) * sum(sizes)
            while end < len(sizes) and (end == bounds[-1] or done + sizes[end] <= goal):
                done += sizes[end]
                end += 1
            bounds.append(end)
        bounds.append(len(sizes))
        return [
            ReviewBatch(
                self.migrations[start:stop],
                self._wanted_in(start, stop),
                *self._setup,
                later_not_null=self.later_not_null,
            )
            for start, stop in itertools.pairwise(bounds)
            if stop > start
        ]

    def replay_onto(self, model: SchemaModel, typed: Sequence[tuple[Statement, ...]]) -> None:
        """Apply every statement of the batch to `model`, as the review's replay does."""
        for migration, nodes in zip(self.migrations, typed, strict=True):
            for statement in nodes:
                model.apply(statement, migration.path)

    @property
    def _setup(
        self,
    ) -> tuple[
        tuple[ActiveRule, ...],
        str,
        StatementValidator | None,
        TargetVersion | None,
        StatementPreparer | None,
    ]:
        return self.rules, self.dialect, self.validator, self.target, self.preparer

    def _wanted_in(self, start: int, stop: int) -> frozenset[str]:
        part = {migration.path for migration in self.migrations[start:stop]}
        return frozenset(part if self.wanted is None else part & self.wanted)

    @property
    def reviewed(self) -> list[MigrationFile]:
        return [m for m in self.migrations if self.wanted is None or m.path in self.wanted]


def _review_file(
    migration: MigrationFile,
    parsed: ParsedFile,
    typed: tuple[Statement, ...],
    rules: Sequence[ActiveRule],
    replay: SchemaReplay,
    dialect: str,
    target: TargetVersion,
    preparer: StatementPreparer | None = None,
    later_not_null: frozenset[ColumnKey] = NO_KEYS,
) -> FileReview:
    raw: list[tuple[Finding, ParsedStatement | None]] = []
    syntax_level = _level(rules, SYNTAX_ERROR)
    if parsed.error is not None and syntax_level is not None:
        finding = Finding(
            SYNTAX_ERROR,
            syntax_level,
            migration.path,
            parsed.error_line,
            1,
            f"cannot tokenize this file: {parsed.error}",
            Risk.LOW,
        )
        raw.append((finding, None))
    dispatch = _RuleDispatch(rules)
    columns = _FirstColumns(migration.text)
    risks: list[Risk] = []
    impacts: list[StatementImpact] = []
    changes: list[SchemaChange] = []
    replay.enter_file(typed, migration.path)
    for statement in parsed.statements:
        node = typed[statement.index]
        if preparer is not None and isinstance(node, Unmodelled) and node.valid is None:
            node = _prepared(node, preparer(node.text, replay.before))
        earlier = _Span(typed, 0, statement.index)
        impact = StatementImpact(
            migration.path,
            statement.line,
            node.kind,
            _on_existing_tables(
                lock_impact(node, replay.before, target, earlier), replay.before, migration.path
            ),
            statement.text.split("\n", 1)[0],
        )
        impacts.append(impact)
        typed_context = _ReplayedStatementContext(
            node,
            migration,
            dialect,
            replay.before,
            earlier,
            following=_Span(typed, statement.index + 1, len(typed)),
            locks=impact.impact,
            target=target,
            made_not_null_later=later_not_null,
            replay=replay,
        )
        risk = statement_risk(node, impact.impact)
        risks.append(risk)
        for active in dispatch.rules_for(node):
            rule = active.rule
            try:  # a rule's exception must never take the review down
                violations = list(rule.check(typed_context))
            except Exception as exc:
                raw.append((_internal_error(rule.name, migration.path, statement, exc), None))
                continue
            for violation in violations:
                line = violation.line or statement.line
                column = violation.column or (
                    statement.column if line == statement.line else columns.at(line)
                )
                end = violation_end(violation, line, column, node.span, columns.length(line))
                raw.append(
                    (
                        Finding(
                            rule=rule.name,
                            level=active.level,
                            file=migration.path,
                            line=line,
                            column=column,
                            message=violation.message,
                            risk=risk,
                            bytebase_type=rule.bytebase_type,
                            end_line=end[0],
                            end_column=end[1],
                            help=violation.help or rule.use_instead(),
                            fix=violation.fix,
                        ),
                        statement,
                    )
                )
        touched = snapshot(node, replay.before)
        replay.leave_statement(node, migration.path)
        changes += statement_changes(node, touched, replay.before, statement.line)
    enabled = frozenset(a.rule.name for a in rules)
    findings = _apply_ignores(migration, parsed, raw, _level(rules, UNUSED_IGNORE), enabled)
    return FileReview(
        path=migration.path,
        version=str(migration.version),
        change_type=migration.change_type,
        statements=len(parsed.statements),
        risk=highest(risks),
        findings=tuple(sorted(findings, key=lambda finding: finding.sort_key)),
        impacts=tuple(impacts),
        in_transaction=not migration.no_transaction,
        schema_changes=tuple(changes),
    )


class _Span(Sequence[_T]):
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


class _FirstColumns:
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


class _RuleDispatch:
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
            found = self._by_type[kind] = [a for a in self._rules if _inspects(a.rule, node)]
        return found


def _unmodelled(path: str, nodes: Sequence[Statement]) -> list[str]:
    """The statements of a file no normalizer models, as `file:line (first words)`."""
    return [
        f"{path}:{node.span.line} ({node.first_words or _first_words(node.text)})"
        for node in nodes
        if isinstance(node, Unmodelled)
    ]


def _prepared(node: Unmodelled, verdict: Verdict | None) -> Statement:
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


def _on_existing_tables(impact: LockImpact, schema: SchemaModel, path: str) -> LockImpact:
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


def _named(opaque: Sequence[str]) -> str:
    shown = ", ".join(opaque[:NAMED_OPAQUE])
    more = len(opaque) - NAMED_OPAQUE
    return f"{shown} and {more} more" if more > 0 else shown


def _first_words(text: str, count: int = 3) -> str:
    return " ".join(text[:200].split()[:count])


def _reads_later(rules: Sequence[ActiveRule]) -> bool:
    """Whether an active rule asks what later migrations make NOT NULL (the pre-pass parses
    the files that say NOT NULL once more: skipped when nobody asks)."""
    return any(active.rule.reads_later_not_null for active in rules)


def _internal_error(rule: str, path: str, statement: ParsedStatement, error: Exception) -> Finding:
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


def _inspects(rule: Rule, node: Statement) -> bool:
    """Whether a rule on the typed model looks at this statement: only the kinds it registered
    for, and never a statement no normalizer modelled (unless it asks for those)."""
    if rule.statement_kinds:
        return isinstance(node, rule.statement_kinds)
    return not isinstance(node, Unmodelled | Invalid)


def _level(rules: Sequence[ActiveRule], name: str) -> Level | None:
    for active in rules:
        if active.rule.name == name:
            return active.level
    return None


def _apply_ignores(
    migration: MigrationFile,
    parsed: ParsedFile,
    raw: list[tuple[Finding, ParsedStatement | None]],
    unused_level: Level | None,
    active: frozenset[str] = frozenset(),
) -> list[Finding]:
    """Drop findings an ignore directive covers; report ignores that covered nothing. An
    ignore of a rule this policy leaves off is not judged: the same file is reviewed under
    each environment's policy, and prod's stricter rules need their ignores."""
    owner = _ignore_owners(migration.ignores, parsed.statements)
    used: set[tuple[int, str]] = set()
    kept: list[Finding] = []
    for finding, statement in raw:
        covering = [
            ignore
            for ignore in migration.ignores
            if (
                ignore.file_wide
                or (statement is not None and owner.get(ignore.line) == statement.index)
            )
            and finding.rule in {canonical_rule_name(rule) for rule in ignore.rules}
        ]
        if not covering:
            kept.append(finding)
        for ignore in covering:
            for name in ignore.rules:
                if canonical_rule_name(name) == finding.rule:
                    used.add((ignore.line, name.lower()))
    if unused_level is not None:
        for ignore in migration.ignores:
            for name in ignore.rules:
                known = lookup_rule(name)
                if known is not None and known.name not in active:
                    continue  # off in this policy: whether it would suppress is unknown
                if (ignore.line, name.lower()) not in used and not judged_across_files(name):
                    finding = unused_ignore(migration.path, ignore.line, name, unused_level)
                    fix = removal_of_directive(migration.text, ignore.line, ignore.rules)
                    kept.append(replace(finding, fix=fix) if fix is not None else finding)
    return kept


def judged_across_files(rule_name: str) -> bool:
    """Whether an ignore naming this rule is judged by the cross-file checks, not here."""
    rule = lookup_rule(rule_name)
    return rule is not None and rule.scope is RuleScope.MIGRATION_SET


def unused_ignore(path: str, line: int, name: str, level: Level) -> Finding:
    """The finding for `-- dbops:ignore <name>` on `line` that suppressed nothing; a name that
    is no rule at all (a typo) says so, since the finding it meant to hide is still reported."""
    if lookup_rule(name) is None:
        close = difflib.get_close_matches(name.lower(), [rule.name for rule in RULES], n=1)
        hint = f"; did you mean '{close[0]}'?" if close else "; `dbops rules` lists them"
        message = f"'-- dbops:ignore {name}': there is no rule named '{name}'{hint}"
    else:
        message = f"'-- dbops:ignore {name}' suppresses nothing here; remove it"
    return Finding(UNUSED_IGNORE, level, path, line, 1, message)


def canonical_rule_name(name: str) -> str:
    """The dbops name a rule is reported under, for any of its spellings (Bytebase types in
    either form, redirects of renamed rules); an unknown name is returned lower-cased."""
    rule = lookup_rule(name)
    return rule.name if rule is not None else name.strip().lower()


def _ignore_owners(
    ignores: Sequence[Ignore], statements: Sequence[ParsedStatement]
) -> dict[int, int]:
    """Map each statement-level ignore's line to the index of the statement right after it."""
    owners: dict[int, int] = {}
    for ignore in ignores:
        if ignore.file_wide:
            continue
        following = next((s for s in statements if s.line > ignore.line), None)
        inside = next((s for s in statements if s.line <= ignore.line <= s.end_line), None)
        target = inside or following
        if target is not None:
            owners[ignore.line] = target.index
    return owners
