"""What a review found: per file and per statement, with the lock impact of each statement."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from dbops.core.findings import Finding, Level, Risk
from dbops.core.locks import LockImpact, TargetVersion
from dbops.core.schema_changes import SchemaChange
from dbops.core.shadow import ShadowStatement
from dbops.core.verdicts import EnvironmentVerdict

# A rule that raised on a statement: reported as a finding (the other rules still run, the report
# is still written), then the check exits 2.
INTERNAL_ERROR = "internal-error"


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
