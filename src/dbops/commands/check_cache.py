"""`dbops check` results from the content cache (adapters/cache_files.py, kind `reviews`).

An unchanged rerun (same files, policy, dialect, server version, dbops and parser versions:
core/review_key.py) reads the result a fresh review produced instead of reviewing again. The
entry is the pickled `ReviewResult`, written by dbops into the user's own cache folder;
anything unreadable there is ignored and reviewed afresh.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Sequence
from importlib.metadata import PackageNotFoundError, version

from dbops.adapters.cache_files import read_entry, write_entry
from dbops.core.migrations import MigrationSet
from dbops.core.policy import ActivePolicy
from dbops.core.review import ReviewResult
from dbops.core.review_key import review_key


def cached_review(
    use_cache: bool,
    migrations: MigrationSet,
    selected: Sequence[str] | None,
    policy: ActivePolicy,
    dialect: str,
    target: object,
    fresh: Callable[[], ReviewResult],
) -> ReviewResult:
    if not use_cache:
        return fresh()
    key = review_key(migrations, selected, policy, dialect, target, _engines())
    stored = read_entry("reviews", key)
    if stored is not None:
        try:
            result = pickle.loads(stored)
        except Exception:  # a truncated or foreign file: review afresh
            result = None
        if isinstance(result, ReviewResult):
            return result
    result = fresh()
    write_entry("reviews", key, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    return result


def _engines() -> list[str]:
    """The parsers' versions: a new sqlglot or pglast may review the same SQL differently."""
    import sqlite3

    shown = [f"sqlite {sqlite3.sqlite_version}"]
    for package in ("sqlglot", "sqlglotc", "pglast"):
        try:
            shown.append(f"{package} {version(package)}")
        except PackageNotFoundError:
            shown.append(f"{package} -")
    return shown
