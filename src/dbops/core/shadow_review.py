"""A shadow run joined to the static review: its runtime errors and the lock model's
disagreements with the server become findings, its timings and traces go next to the model's
verdict of each statement. Pure: a review and a shadow run in, a review out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from dbops.core.directives import Ignore
from dbops.core.findings import Finding, Level, Risk
from dbops.core.locks.modes import LockImpact, LockMode, RelationLock
from dbops.core.policy import ActivePolicy
from dbops.core.review import FileReview, ReviewResult, canonical_rule_name
from dbops.core.shadow import LockTrace, ShadowRun, ShadowStatement

SHADOW_ERROR = "shadow-error"
LOCK_MODEL_MISMATCH = "lock-model-mismatch"
SHADOW_RULES = (SHADOW_ERROR, LOCK_MODEL_MISMATCH)


def shadow_review(
    result: ReviewResult,
    run: ShadowRun,
    policy: ActivePolicy,
    ignores: Mapping[str, Sequence[Ignore]] | None = None,
) -> ReviewResult:
    """`result` with the shadow's findings, each statement's trace and a note on the run;
    `ignores`: each file's `-- dbops:ignore` directives, which may name the shadow's rules."""
    impacts = {
        (file.path, index): impact
        for file in result.files
        for index, impact in enumerate(file.impacts)
    }
    error_level = policy.level_of(SHADOW_ERROR)
    mismatch_level = policy.level_of(LOCK_MODEL_MISMATCH)
    findings: list[Finding] = []
    traced: dict[tuple[str, int], ShadowStatement] = {}
    for statement in run.statements:
        if statement.error is not None and error_level is not None:
            findings.append(_error_finding(statement, error_level))
        impact = impacts.get((statement.file, statement.index))
        if statement.history or impact is None:
            continue
        traced[(statement.file, statement.index)] = statement
        disagreement = lock_disagreement(impact.impact, statement)
        if disagreement is not None and mismatch_level is not None:
            findings.append(
                Finding(
                    LOCK_MODEL_MISMATCH,
                    mismatch_level,
                    statement.file,
                    statement.line,
                    1,
                    disagreement,
                    Risk.MODERATE,
                )
            )
    starts: dict[str, list[int]] = {}
    for statement in run.statements:
        starts.setdefault(statement.file, []).append(statement.line)
    for impact in result.impacts:
        starts.setdefault(impact.file, []).append(impact.line)
    findings = [f for f in findings if not _ignored(f, (ignores or {}).get(f.file, ()), starts)]
    files = tuple(_with_traces(file, traced) for file in result.files)
    disagreements = sum(1 for finding in findings if finding.rule == LOCK_MODEL_MISMATCH)
    notes = (*result.notes, _summary(run, disagreements), *run.notes)
    return replace(result, files=files, notes=notes).with_findings(findings)


def _ignored(finding: Finding, ignores: Sequence[Ignore], starts: dict[str, list[int]]) -> bool:
    """Whether an ignore of the file (in its header, or right above the statement) covers it."""
    lines = sorted(set(starts.get(finding.file, ())))
    statement = max((line for line in lines if line <= finding.line), default=None)
    for ignore in ignores:
        if finding.rule not in {canonical_rule_name(name) for name in ignore.rules}:
            continue
        if ignore.file_wide:
            return True
        owner = next((line for line in lines if line > ignore.line), None)
        if owner is not None and owner == statement:
            return True
    return False


def _error_finding(statement: ShadowStatement, level: Level) -> Finding:
    if statement.history:
        message = (
            f"the shadow run could not replay this already-applied migration, so the reviewed "
            f"ones were not run: {statement.error}"
        )
    else:
        message = f"the shadow database refused this statement: {statement.error}"
    return Finding(SHADOW_ERROR, level, statement.file, statement.line, 1, message, Risk.HIGH)


def _with_traces(file: FileReview, traced: dict[tuple[str, int], ShadowStatement]) -> FileReview:
    impacts = tuple(
        replace(impact, shadow=traced.get((file.path, index)))
        for index, impact in enumerate(file.impacts)
    )
    return replace(file, impacts=impacts)


def _summary(run: ShadowRun, disagreements: int) -> str:
    ran = sum(1 for s in run.statements if not s.history)
    traced = sum(1 for s in run.statements if s.locks is not None or s.algorithm is not None)
    what = "lock trace" if run.engine == "postgres" else "ALGORITHM check"
    trace = (
        f"; {what}: {traced} statement(s), {disagreements} disagreement(s) with the lock model"
        if traced
        else ""
    )
    failed = run.failure
    outcome = (
        f"stopped at {failed.file}:{failed.line}, as a rollout would"
        if failed is not None
        else "no error"
    )
    return (
        f"shadow run on {run.display_url} ({run.engine} {run.server_version}): "
        f"{run.history_files} applied migration(s) replayed, {run.reviewed_files} reviewed "
        f"migration(s) applied ({ran} statement(s)), {outcome}{trace}; the shadow was dropped."
    )


def lock_disagreement(predicted: LockImpact, statement: ShadowStatement) -> str | None:
    """How what the server did differs from the model's `predicted` impact, or None."""
    if statement.error is not None:
        return None
    probe = statement.algorithm
    if probe is not None and not probe.accepted:
        return (
            f"the lock model predicts ALGORITHM={probe.algorithm}, but the server refused it "
            f"({probe.server_message})"
        )
    if probe is not None and probe.used is not None and probe.used != probe.algorithm:
        return (
            f"the lock model predicts ALGORITHM={probe.algorithm}, but the server ran it with "
            f"the faster ALGORITHM={probe.used}"
        )
    if statement.locks is None:
        return None
    return _lock_trace_disagreement(predicted, statement.locks)


def _lock_trace_disagreement(predicted: LockImpact, trace: LockTrace) -> str | None:
    tables = set(trace.tables)
    before = _modes(trace.held_before)
    after = _modes(trace.held_after)
    model = {lock.relation: lock.mode for lock in predicted.locks if lock.relation in tables}
    # Held after the statement: the stronger of what was already held and what it takes.
    expected = dict(before)
    for relation, mode in model.items():
        expected[relation] = max(mode, before.get(relation, mode))
    real_rewrites = set(trace.rewrites)
    model_rewrites = {relation for relation in predicted.rewrites if relation in tables}
    if after == expected and real_rewrites == model_rewrites:
        return None
    real_taken = {r: m for r, m in after.items() if before.get(r) != m}
    model_taken = {r: m for r, m in expected.items() if before.get(r) != m}
    return (
        f"lock trace: the server took {_show(real_taken, real_rewrites)}; the lock model "
        f"predicts {_show(model_taken, model_rewrites)}"
    )


def _modes(locks: tuple[RelationLock, ...]) -> dict[str, LockMode]:
    modes: dict[str, LockMode] = {}
    for lock in locks:
        modes[lock.relation] = max(lock.mode, modes.get(lock.relation, lock.mode))
    return modes


def _show(locks: dict[str, LockMode], rewrites: set[str]) -> str:
    taken = ", ".join(f"{mode.label} on {relation}" for relation, mode in sorted(locks.items()))
    rewritten = f", rewriting {', '.join(sorted(rewrites))}" if rewrites else ", no rewrite"
    return f"{taken or 'no new table lock'}{rewritten}"
