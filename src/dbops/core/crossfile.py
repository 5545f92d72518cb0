"""Cross-file checks against the base branch (DESIGN §3). Pure: data in, findings out.

Two hazards only a comparison with the base branch shows:

- `migration-out-of-order`: a migration the branch adds (its version is not on the base branch)
  with a version lower than the newest one already there;
- `migration-checksum-changed`: a migration on the base branch (same version) whose content
  the branch changed.

Duplicate or unparseable versions are input errors raised when the migration set is read.

Both rules live in the registry (docs, levels, policies) but their `check` sees one statement
and yields nothing, so the review engine judges every `-- dbops:ignore` naming them as unused.
Only this module can judge those ignores: `cross_file_review` drops the engine's verdicts on
them and reports the ones that really suppressed nothing when a base branch was compared.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from dbops.core.directives import Ignore
from dbops.core.findings import Finding, Risk
from dbops.core.migrations import MigrationFile, MigrationSet
from dbops.core.policy import ActivePolicy
from dbops.core.review import ReviewResult
from dbops.core.versions import Version

OUT_OF_ORDER = "migration-out-of-order"
CHECKSUM_CHANGED = "migration-checksum-changed"
CROSS_FILE_RULES = (OUT_OF_ORDER, CHECKSUM_CHANGED)
_UNUSED_IGNORE = "unused-ignore"


@dataclass(frozen=True)
class BaseFile:
    """A migration as the base branch has it."""

    path: str  # shown as the current files' paths are, so that renames can be named
    version: Version
    checksum: str


BaseBranchFiles = Mapping[str, tuple[Version, str]]  # path -> (version, checksum) on the base


def cross_file_findings(
    current: MigrationSet,
    base: BaseBranchFiles,
    policy: ActivePolicy,
    selected: Collection[str] | None = None,
) -> tuple[list[Finding], set[tuple[str, int, str]]]:
    """Findings for the `selected` current migrations (all when None), after ignores; and the
    ignores that suppressed one, as (file, line, rule)."""
    base_by_version = {
        version: BaseFile(path, version, checksum) for path, (version, checksum) in base.items()
    }
    newest = max(base_by_version.values(), key=lambda file: file.version.parts, default=None)
    found: list[Finding] = []
    used: set[tuple[str, int, str]] = set()
    for migration in current:
        if selected is not None and migration.path not in selected:
            continue
        merged = base_by_version.get(migration.version)
        candidates = [
            _out_of_order(migration, newest) if merged is None else None,
            _checksum_changed(migration, merged) if merged is not None else None,
        ]
        for candidate in candidates:
            if candidate is None:
                continue
            rule, message = candidate
            level = policy.level_of(rule)
            if level is None:
                continue
            suppressing = _suppressing_ignore(migration.ignores, rule)
            if suppressing is not None:
                used.add((migration.path, suppressing.line, rule))
                continue
            found.append(Finding(rule, level, migration.path, 1, 1, message, Risk.HIGH))
    return found, used


def cross_file_review(
    result: ReviewResult,
    current: MigrationSet,
    base: BaseBranchFiles | None,
    policy: ActivePolicy,
) -> ReviewResult:
    """The review with the engine's (always wrong) unused-ignore verdicts on cross-file rules
    replaced by this module's; with the cross-file findings when a base branch is given."""
    reviewed = {file.path for file in result.files}
    engine_verdicts = _engine_unused_ignores(result.findings, current, reviewed)
    kept = [finding for finding in result.findings if finding not in engine_verdicts]
    cleaned = ReviewResult(result.files, tuple(kept), result.policy, result.dialect, result.notes)
    if base is None:
        return cleaned.with_findings(())
    findings, used = cross_file_findings(current, base, policy, reviewed)
    unused = [
        finding
        for finding in engine_verdicts
        if (finding.file, finding.line, _ignored_rule(finding, current)) not in used
    ]
    return cleaned.with_findings([*findings, *unused])


def _out_of_order(migration: MigrationFile, newest: BaseFile | None) -> tuple[str, str] | None:
    if newest is None or migration.version >= newest.version:
        return None
    return (
        OUT_OF_ORDER,
        f"version {migration.version} is lower than {newest.version} ({newest.path}), the "
        f"newest migration on the base branch; databases past {newest.version} would apply it "
        f"out of order. Give it a version above {newest.version} (dbops new does).",
    )


def _checksum_changed(migration: MigrationFile, merged: BaseFile) -> tuple[str, str] | None:
    if migration.checksum == merged.checksum:
        return None
    where = "" if merged.path == migration.path else f" (as {merged.path})"
    return (
        CHECKSUM_CHANGED,
        f"version {migration.version} is already on the base branch{where} and its content "
        f"changed ({_short(merged.checksum)} -> {_short(migration.checksum)}); databases that "
        f"applied it will not see the edit. Restore the file and add a new migration instead.",
    )


def _short(checksum: str) -> str:
    algorithm, _, digest = checksum.partition(":")
    return f"{algorithm}:{digest[:12]}"


def _suppressing_ignore(ignores: Iterable[Ignore], rule: str) -> Ignore | None:
    """A cross-file finding concerns the whole file, so any ignore in it that names the rule
    (usually in the header) suppresses it."""
    for ignore in ignores:
        if rule in {name.strip().lower() for name in ignore.rules}:
            return ignore
    return None


def _engine_unused_ignores(
    findings: Iterable[Finding], current: MigrationSet, reviewed: Collection[str]
) -> list[Finding]:
    return [
        finding
        for finding in findings
        if finding.rule == _UNUSED_IGNORE
        and finding.file in reviewed
        and _ignored_rule(finding, current) is not None
    ]


def _ignored_rule(finding: Finding, current: MigrationSet) -> str | None:
    """The cross-file rule an engine unused-ignore finding is about, if it is about one: the
    file has an ignore on that line naming the rule, and the message quotes that name."""
    migration = next((file for file in current if file.path == finding.file), None)
    if migration is None:
        return None
    for ignore in migration.ignores:
        if ignore.line != finding.line:
            continue
        for name in ignore.rules:
            rule = name.strip().lower()
            if rule in CROSS_FILE_RULES and f"ignore {name}'" in finding.message:
                return rule
    return None
