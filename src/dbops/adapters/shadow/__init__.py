"""Shadow runs (`dbops check --shadow URL`): the migrations applied to a throwaway database
dbops creates and always drops, one module per engine, over the rollout's own drivers
(adapters/databases). What a run saw is data (core/shadow.py); the command layer joins it to
the review (core/shadow_review.py)."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from types import FrameType

from dbops.adapters.databases.base import StatementFailed
from dbops.adapters.databases.urls import engine_of, mask_url
from dbops.adapters.shadow.runner import ShadowEngine, ShadowPlan, run_plan
from dbops.core.locks.modes import LockImpact
from dbops.core.shadow import ShadowRun
from dbops.errors import ConfigError, DatabaseError

__all__ = ["ShadowPlan", "open_shadow", "run_shadow"]


def _utc_now() -> datetime:
    return datetime.now(UTC)


def open_shadow(
    url: str, key: str, judged_for: str, now: Callable[[], datetime] = _utc_now
) -> ShadowEngine:
    """Create the shadow for `url` (`key` names where it was given, for messages);
    `judged_for`: the engine the review judged locks for."""
    engine = engine_of(url)
    if engine == "postgres":
        from dbops.adapters.shadow.postgres import PostgresShadow

        return PostgresShadow(url, now)
    if engine == "mysql":
        from dbops.adapters.shadow.mysql import MysqlShadow

        return MysqlShadow(url, now, judged_for)
    if engine == "sqlite":
        from dbops.adapters.shadow.sqlite import SqliteShadow

        return SqliteShadow()
    raise ConfigError(
        f"{key} = {mask_url(url)} is not a database URL dbops knows; use postgresql://…, "
        f"mysql://… (MariaDB too) or sqlite:// (in memory)."
    )


def run_shadow(
    url: str,
    key: str,
    plan: ShadowPlan,
    predicted: Mapping[tuple[str, int], LockImpact],
    judged_for: str,
    now: Callable[[], datetime] = _utc_now,
) -> ShadowRun:
    """Apply `plan` in a new shadow and drop it, whatever happens (SIGTERM included; after a
    SIGKILL the next run drops it). `predicted`: the lock model's verdict per (file, index of
    the statement in the file)."""
    with _terminated_as_exit(), _as_database_error(mask_url(url)):
        engine = open_shadow(url, key, judged_for, now)
        try:
            statements = run_plan(engine, plan, predicted)
        finally:
            engine.drop()
    return ShadowRun(
        display_url=engine.display_url,
        engine=engine.engine,
        server_version=engine.server_version,
        history_files=len(plan.history),
        reviewed_files=len(plan.reviewed),
        statements=tuple(statements),
        notes=engine.notes,
    )


@contextmanager
def _as_database_error(shown: str) -> Iterator[None]:
    """A statement of dbops' own (creating or dropping the shadow) that the server refuses:
    a database error naming the server, not a traceback."""
    try:
        yield
    except StatementFailed as failure:
        raise DatabaseError(
            f"{shown}: the shadow run's own `{failure.statement}` failed: {failure.error}"
        ) from None


@contextmanager
def _terminated_as_exit() -> Iterator[None]:
    """SIGTERM (a cancelled pipeline) raises SystemExit, so that the shadow is still dropped."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def exit_now(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, exit_now)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
