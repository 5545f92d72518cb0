"""The review engine: every statement of the selected migrations through the active rules,
with the schema replayed from everything before it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from dbops.core.directives import Ignore
from dbops.core.findings import Finding, Level, Risk
from dbops.core.migrations import MigrationFile, MigrationSet
from dbops.core.policy import ActivePolicy, ActiveRule
from dbops.core.risk import highest, statement_risk
from dbops.core.schema import SchemaModel
from dbops.core.sql import ParsedFile, ParsedStatement, parse_sql
from dbops.rules.base import RuleContext

SYNTAX_ERROR = "syntax-error"
UNUSED_IGNORE = "unused-ignore"


@dataclass(frozen=True)
class FileReview:
    path: str
    version: str
    change_type: str
    statements: int
    risk: Risk
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class ReviewResult:
    files: tuple[FileReview, ...]
    findings: tuple[Finding, ...]
    policy: str
    dialect: str
    notes: tuple[str, ...] = field(default_factory=tuple)  # e.g. statements only read as text

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
        if fail_on == "never":
            return 0
        if fail_on == "warning":
            return 1 if self.findings else 0
        return 1 if self.errors else 0

    def with_findings(self, extra: Sequence[Finding]) -> ReviewResult:
        """The same review with more findings (cross-file checks, a server's advices)."""
        merged = sorted([*self.findings, *extra], key=lambda finding: finding.sort_key)
        files = tuple(
            FileReview(
                path=file.path,
                version=file.version,
                change_type=file.change_type,
                statements=file.statements,
                risk=file.risk,
                findings=tuple(f for f in merged if f.file == file.path),
            )
            for file in self.files
        )
        return ReviewResult(files, tuple(merged), self.policy, self.dialect, self.notes)


def review(
    migrations: MigrationSet,
    policy: ActivePolicy,
    dialect: str,
    selected: Iterable[str] | None = None,
) -> ReviewResult:
    """Review the `selected` migration paths (all when None); earlier ones build the schema."""
    wanted = None if selected is None else set(selected)
    rules = policy.for_dialect(dialect)
    schema = SchemaModel(dialect=dialect)
    reviews: list[FileReview] = []
    opaque = 0
    last_wanted = _last_wanted_index(migrations, wanted)
    for position, migration in enumerate(migrations):
        if position > last_wanted:
            break  # later migrations cannot change the review of earlier ones
        parsed = parse_sql(migration.text, dialect)
        if wanted is None or migration.path in wanted:
            file_review = _review_file(migration, parsed, rules, schema, dialect)
            reviews.append(file_review)
            opaque += sum(1 for statement in parsed.statements if statement.opaque)
        else:
            for statement in parsed.statements:
                schema.apply(statement, migration.path)
    findings = tuple(finding for file in reviews for finding in file.findings)
    notes = (
        (
            f"{opaque} statement(s) are not modelled by the SQL parser; they were reviewed from their "
            f"tokens by the rules that can.",
        )
        if opaque
        else ()
    )
    return ReviewResult(tuple(reviews), findings, policy.name, dialect, notes)


def _last_wanted_index(migrations: MigrationSet, wanted: set[str] | None) -> int:
    if wanted is None:
        return len(migrations) - 1
    indexes = [index for index, file in enumerate(migrations) if file.path in wanted]
    return max(indexes, default=-1)


def _review_file(
    migration: MigrationFile,
    parsed: ParsedFile,
    rules: Sequence[ActiveRule],
    schema: SchemaModel,
    dialect: str,
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
    risks: list[Risk] = []
    for statement in parsed.statements:
        risk = statement_risk(statement)
        risks.append(risk)
        context = RuleContext(
            statement,
            migration,
            dialect,
            schema,
            parsed.statements[: statement.index],
            following=parsed.statements[statement.index + 1 :],
        )
        for active in rules:
            rule = active.rule
            if statement.error is not None and rule.name != SYNTAX_ERROR:
                continue
            if rule.needs_tree and (statement.tree is None or statement.opaque):
                continue
            for violation in rule.check(context):
                raw.append(
                    (
                        Finding(
                            rule=rule.name,
                            level=active.level,
                            file=migration.path,
                            line=violation.line or statement.line,
                            column=violation.column or statement.column,
                            message=violation.message,
                            risk=risk,
                            bytebase_type=rule.bytebase_type,
                        ),
                        statement,
                    )
                )
        schema.apply(statement, migration.path)
    findings = _apply_ignores(migration, parsed, raw, _level(rules, UNUSED_IGNORE))
    return FileReview(
        path=migration.path,
        version=str(migration.version),
        change_type=migration.change_type,
        statements=len(parsed.statements),
        risk=highest(risks),
        findings=tuple(sorted(findings, key=lambda finding: finding.sort_key)),
    )


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
) -> list[Finding]:
    """Drop findings an ignore directive covers; report ignores that covered nothing."""
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
            and _names(finding.rule, finding.bytebase_type)
            & {rule.lower() for rule in ignore.rules}
        ]
        if not covering:
            kept.append(finding)
        for ignore in covering:
            for name in ignore.rules:
                if name.lower() in _names(finding.rule, finding.bytebase_type):
                    used.add((ignore.line, name.lower()))
    if unused_level is not None:
        for ignore in migration.ignores:
            for name in ignore.rules:
                if (ignore.line, name.lower()) not in used:
                    kept.append(
                        Finding(
                            UNUSED_IGNORE,
                            unused_level,
                            migration.path,
                            ignore.line,
                            1,
                            f"'-- dbops:ignore {name}' suppresses nothing here; remove it",
                        )
                    )
    return kept


def _names(rule: str, bytebase_type: str | None) -> set[str]:
    names = {rule}
    if bytebase_type:
        names.add(bytebase_type)
        names.add(bytebase_type.replace(".", "_").replace("-", "_"))
    return {name.lower() for name in names}


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
