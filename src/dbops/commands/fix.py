"""`dbops check --fix` / `--diff`: the fixes rules propose, applied to migrations that are
still the branch's own (never to one the base branch or a release manifest already holds)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from dbops.adapters.config_file import Project
from dbops.adapters.git import BaseBranch
from dbops.commands.check import CheckOutcome, CheckRequest, read_base, run_check
from dbops.core.findings import Fix
from dbops.core.fixes import OverlappingEdits, apply_fixes, compatible_fixes
from dbops.core.migrations import LayoutFacts, MigrationFile, MigrationSet, read_migration
from dbops.errors import InputError
from dbops.rollout.release import release_from_json

# A fix can make room for another (two rules inserting at one point): a few rounds settle it.
MAX_ROUNDS = 4


@dataclass(frozen=True)
class FileChange:
    path: str  # as dbops shows it
    before: str
    after: str
    fixes: tuple[Fix, ...]


@dataclass(frozen=True)
class FixPlan:
    changes: tuple[FileChange, ...]
    outcome: CheckOutcome  # the review of the files as fixed


def plan_fixes(project: Project, request: CheckRequest) -> FixPlan:
    """The fixed text of every reviewed file with fixable findings, and the review after them.
    Raises InputError (nothing written) when a file to fix is merged or released already."""
    outcome = run_check(project, request)
    fixable = set(outcome.selected)
    originals = {m.path: m for m in outcome.migrations}
    recorded = _Recorded(read_base(project, request), _released(project))
    applied: dict[str, list[Fix]] = {}
    for _ in range(MAX_ROUNDS):
        by_file = _fixes_by_file(outcome, fixable)
        if not by_file:
            break
        recorded.refuse([originals[path] for path in by_file])
        current = {m.path: m for m in outcome.migrations}
        changed = {path: _fixed(current[path], fixes) for path, fixes in by_file.items()}
        for path, fixes in by_file.items():
            applied.setdefault(path, []).extend(fixes)
        migrations = MigrationSet.of(changed.get(m.path, m) for m in outcome.migrations)
        again = replace(request, migrations=migrations, reviewed=outcome.selected)
        outcome = run_check(project, again)
    final = {m.path: m.text for m in outcome.migrations}
    changes = tuple(
        FileChange(path, originals[path].text, final[path], tuple(fixes))
        for path, fixes in applied.items()
        if final[path] != originals[path].text
    )
    return FixPlan(changes, outcome)


def write_fixes(plan: FixPlan, cwd: Path) -> None:
    """Write every changed file; each is checked unchanged on disk since it was read first."""
    targets = [(cwd / change.path, change) for change in plan.changes]
    for target, change in targets:
        if _read_text(target) != change.before:
            raise InputError(
                f"{change.path}: the file is not the migration dbops reviewed (its layout keeps "
                f"more than the migration in it, or it changed meanwhile); nothing was written."
            )
    for target, change in targets:
        target.write_bytes(change.after.encode())


def _fixes_by_file(outcome: CheckOutcome, fixable: set[str]) -> dict[str, list[Fix]]:
    found: dict[str, list[Fix]] = {}
    for file in outcome.result.files:
        if file.path in fixable:
            fixes = compatible_fixes(file.findings)
            if fixes:
                found[file.path] = fixes
    return found


def _fixed(migration: MigrationFile, fixes: list[Fix]) -> MigrationFile:
    try:
        text = apply_fixes(migration.text, fixes)
    except OverlappingEdits as exc:  # compatible_fixes keeps them apart: a rule's bug
        raise InputError(
            f"{migration.path}: the fixes cannot be applied together ({exc})."
        ) from None
    facts = LayoutFacts(
        migration.version,
        migration.description,
        no_transaction=migration.no_transaction,
        repeatable=migration.repeatable,
        down_no_transaction=migration.down_no_transaction,
        verify=migration.verify,
        rollback_hint=migration.rollback_hint,
    )
    fixed = read_migration(migration.path, migration.name, text.encode(), facts=facts)
    return replace(fixed, down_path=migration.down_path, down_text=migration.down_text)


@dataclass(frozen=True)
class _Recorded:
    """What other databases already ran or will run: the base branch's files and the release
    manifests' entries (checksums and (version, file name) pairs, each to its manifest)."""

    base: BaseBranch | None
    released: dict[object, str]

    def refuse(self, migrations: list[MigrationFile]) -> None:
        """Refuse a file the base branch holds unchanged (merged) or a release manifest records
        (released, perhaps applied): changing it would change what other databases ran."""
        problems = [problem for m in migrations if (problem := self._problem(m)) is not None]
        if problems:
            raise InputError(
                f"--fix changes only migrations not yet merged or released: "
                f"{'; '.join(problems)}. Nothing was written; put the change in a new "
                f"migration instead."
            )

    def _problem(self, migration: MigrationFile) -> str | None:
        if self.base is not None:
            on_base = self.base.files.get(migration.path)
            if on_base is not None:  # changed since, it is still a merged migration
                state = "unchanged" if on_base[1] == migration.checksum else "changed since"
                return f"{migration.path} is merged already (on {self.base.ref}, {state})"
        manifest = self.released.get(migration.checksum) or self.released.get(
            (migration.version.text, migration.name)
        )
        if manifest is not None:
            return f"{migration.path} is recorded in the release manifest {manifest}"
        return None


def _released(project: Project) -> dict[object, str]:
    """Checksums and (version, file name) pairs of the release manifests (`release*.json`
    next to dbops.yaml), each mapped to the manifest's name."""
    recorded: dict[object, str] = {}
    for manifest in sorted(project.root.glob("release*.json")):
        release = release_from_json(_read_text(manifest), manifest.name)
        for entry in release.entries:
            recorded[entry.checksum] = manifest.name
            recorded[(entry.version, entry.name)] = manifest.name
    return recorded


def _read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot be read ({exc}); nothing was written.") from None
