"""The review engine: every statement of the selected migrations through the active rules,
with the schema replayed from everything before it."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from dbops.core.finding_spans import violation_end
from dbops.core.findings import Finding, Risk
from dbops.core.locks import TargetVersion, lock_impact, target_version
from dbops.core.migrations import MigrationFile, MigrationSet
from dbops.core.pending import NO_KEYS, ColumnKey, made_not_null_later
from dbops.core.policy import ActivePolicy, ActiveRule
from dbops.core.replay_followers import SchemaReplay
from dbops.core.review_parts import (
    SYNTAX_ERROR,
    FirstColumns,
    RuleDispatch,
    SpanView,
    internal_error_finding,
    level_of,
    named,
    on_existing_tables,
    prepared,
    reads_later,
    unmodelled_names,
)
from dbops.core.review_result import INTERNAL_ERROR, FileReview, ReviewResult, StatementImpact
from dbops.core.risk import highest, statement_risk
from dbops.core.schema import SchemaModel
from dbops.core.schema_changes import SchemaChange, snapshot, statement_changes
from dbops.core.sql import (
    ParsedFile,
    ParsedStatement,
    StatementValidator,
    Verdict,
    parse_sql,
)
from dbops.core.statements import Statement, Unmodelled
from dbops.core.suppression import (
    UNUSED_IGNORE,
    apply_ignores,
    canonical_rule_name,
    judged_across_files,
    unused_ignore,
)
from dbops.parsing import typed_statements
from dbops.rules.base import StatementContext

# Checks a statement no normalizer models against the replayed schema (an engine: an adapter's,
# handed in by the command layer); None when it cannot tell.
StatementPreparer = Callable[[str, SchemaModel], Verdict | None]
# Below this much SQL a review runs in this process: starting workers would cost more than it
# saves. Measured with benchmarks/check_bench.py.
PARALLEL_MIN_BYTES = 256 * 1024


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
    later = made_not_null_later(reviewed, dialect) if reads_later(rules) else {}
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
            f"not-reviewed): {named(opaque)}.",
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
            opaque.extend(unmodelled_names(migration.path, nodes))
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
    syntax_level = level_of(rules, SYNTAX_ERROR)
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
    dispatch = RuleDispatch(rules)
    columns = FirstColumns(migration.text)
    risks: list[Risk] = []
    impacts: list[StatementImpact] = []
    changes: list[SchemaChange] = []
    replay.enter_file(typed, migration.path)
    for statement in parsed.statements:
        node = typed[statement.index]
        if preparer is not None and isinstance(node, Unmodelled) and node.valid is None:
            node = prepared(node, preparer(node.text, replay.before))
        earlier = SpanView(typed, 0, statement.index)
        impact = StatementImpact(
            migration.path,
            statement.line,
            node.kind,
            on_existing_tables(
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
            following=SpanView(typed, statement.index + 1, len(typed)),
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
                failure = internal_error_finding(rule.name, migration.path, statement, exc)
                raw.append((failure, None))
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
    findings = apply_ignores(migration, parsed, raw, level_of(rules, UNUSED_IGNORE), enabled)
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


__all__ = [
    "INTERNAL_ERROR",
    "SYNTAX_ERROR",
    "UNUSED_IGNORE",
    "FileReview",
    "ReviewBatch",
    "ReviewResult",
    "SchemaReplay",
    "StatementImpact",
    "StatementPreparer",
    "canonical_rule_name",
    "default_target",
    "judged_across_files",
    "review",
    "unused_ignore",
    "usable_cpus",
]
