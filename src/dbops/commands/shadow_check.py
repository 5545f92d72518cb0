"""`dbops check --shadow URL` / `review.shadow`: after the static review, the migrations run in
a throwaway database (adapters/shadow); its findings join the review."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from dbops.adapters.databases.urls import engine_of, mask_url
from dbops.adapters.git import BaseBranch
from dbops.adapters.shadow import ShadowPlan, run_shadow
from dbops.config import require_resolved
from dbops.core.migrations import MigrationSet
from dbops.core.policy import ActivePolicy
from dbops.core.review import ReviewResult
from dbops.core.shadow_review import shadow_review
from dbops.errors import ConfigError

_DIALECT_ENGINES = {"postgres": "postgres", "mysql": "mysql", "sqlite": "sqlite"}


def shadow_plan(
    migrations: MigrationSet, reviewed: Collection[str], base: BaseBranch | None, dialect: str
) -> ShadowPlan:
    """The history and the reviewed migrations, in the order the rollout applies them.

    The history is what is already applied: with `--base`, the migrations the base branch has
    (and the branch did not change); otherwise the migrations before the last reviewed one.
    """
    files = list(migrations)
    reviewed_files = tuple(m for m in files if m.path in reviewed)
    if base is not None:
        history = tuple(
            m
            for m in files
            if m.path not in reviewed
            and m.path in base.files
            and base.files[m.path][1] == m.checksum
        )
    else:
        last = max((i for i, m in enumerate(files) if m.path in reviewed), default=0)
        history = tuple(m for m in files[:last] if m.path not in reviewed)
    return ShadowPlan(history, reviewed_files, dialect)


def with_shadow(
    result: ReviewResult,
    url: str,
    key: str,
    migrations: MigrationSet,
    base: BaseBranch | None,
    policy: ActivePolicy,
) -> ReviewResult:
    """`result` with what a shadow run at `url` found; `key`: `--shadow`, or the dbops.yaml
    key that gave it."""
    if key != "--shadow":
        url = require_resolved(url, key)
        key = f"dbops.yaml: '{key}'"
    engine = engine_of(url)
    wanted = _DIALECT_ENGINES.get(result.dialect)
    if engine is not None and wanted is not None and engine != wanted:
        raise ConfigError(
            f"{key} = {mask_url(url)} is a {engine} database, but the migrations are reviewed as "
            f"{result.dialect}; give a shadow of the engine the migrations are written for."
        )
    reviewed = {file.path for file in result.files}
    if not reviewed:
        return replace(result, notes=(*result.notes, "shadow run: no migration to apply."))
    plan = shadow_plan(migrations, reviewed, base, result.dialect)
    predicted = {
        (file.path, index): impact.impact
        for file in result.files
        for index, impact in enumerate(file.impacts)
    }
    judged_for = result.target.engine if result.target is not None else engine or ""
    run = run_shadow(url, key, plan, predicted, judged_for)
    ignores = {migration.path: migration.ignores for migration in migrations}
    return shadow_review(result, run, policy, ignores)
