"""Cross-file checks against the base branch (DESIGN §3). Pure: data in, findings out.

Two hazards only a comparison with the base branch shows:

- `migration-out-of-order`: a migration the branch adds (its version is not on the base branch)
  with a version lower than the newest one already there;
- `migration-checksum-changed`: a migration on the base branch (same version) whose content
  the branch changed.

Duplicate or unparseable versions are input errors raised when the migration set is read.

Both rules live in the registry (docs, levels, policies) with the category "cross-file", but
their `check` sees one statement and yields nothing, so the review engine leaves the ignores
naming them alone. Only this module can judge those: `cross_file_review` reports the ones that
suppressed nothing when a base branch was compared.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from dbops.core.directives import Ignore
from dbops.core.findings import Finding, Risk
from dbops.core.migrations import MigrationFile, MigrationSet
from dbops.core.policy import ActivePolicy
from dbops.core.review import UNUSED_IGNORE, ReviewResult, unused_ignore
from dbops.core.versions import Version

OUT_OF_ORDER = "migration-out-of-order"
CHECKSUM_CHANGED = "migration-checksum-changed"
CROSS_FILE_RULES = (OUT_OF_ORDER, CHECKSUM_CHANGED)


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
    """The review with the cross-file findings, and the ignores of cross-file rules that
    suppressed nothing, when a base branch is given (without one nobody can tell)."""
    if base is None:
        return result.with_findings(())
    reviewed = {file.path for file in result.files}
    findings, used = cross_file_findings(current, base, policy, reviewed)
    return result.with_findings([*findings, *_unused_ignores(current, reviewed, used, policy)])


def _unused_ignores(
    current: MigrationSet,
    reviewed: Collection[str],
    used: set[tuple[str, int, str]],
    policy: ActivePolicy,
) -> list[Finding]:
    level = policy.level_of(UNUSED_IGNORE)
    if level is None:
        return []
    return [
        unused_ignore(migration.path, ignore.line, name, level)
        for migration in current
        if migration.path in reviewed
        for ignore in migration.ignores
        for name in ignore.rules
        if name.strip().lower() in CROSS_FILE_RULES
        and (migration.path, ignore.line, name.strip().lower()) not in used
    ]


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
