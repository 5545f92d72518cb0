"""Whether an environment's targets run the engine the migrations are reviewed for: PostgreSQL
migrations rolled out into a SQLite target pass the review and then mean something else (or
fail) where they run. A warning before anything is applied; a refusal (exit 2) when strict."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from dbops.adapters.config_file import Project
from dbops.adapters.databases.urls import engine_of, mask_url
from dbops.commands.release import ResolvedTarget, resolve_targets
from dbops.core.sql import dialect_name
from dbops.errors import ConfigError

ENGINE_NAMES = {"postgres": "PostgreSQL", "mysql": "MySQL/MariaDB", "sqlite": "SQLite"}


def engine_mismatches(dialect: str, targets: Sequence[ResolvedTarget]) -> list[str]:
    """One line per target whose URL names another engine than the review dialect."""
    expected = dialect_name(dialect)
    problems = []
    for target in targets:
        engine = engine_of(target.url)
        if engine is not None and engine != expected:
            problems.append(
                f"target '{target.name}' ({target.key}, {mask_url(target.url)}) is "
                f"{ENGINE_NAMES[engine]}, but the migrations are reviewed as '{dialect}'"
            )
    return problems


def check_target_engines(
    project: Project, environment: str, strict_flag: bool, warn: Callable[[str], None]
) -> None:
    """Warn about each mismatched target of `environment`; refuse them all when strict
    (`--strict-engine` or `strict_engine: true` in dbops.yaml). A server's targets are the
    server's business: nothing to check here."""
    if project.config.server is not None:
        return
    targets = resolve_targets(environment, project.config.environment(environment))
    problems = engine_mismatches(project.config.dialect, targets)
    if not problems:
        return
    if strict_flag or project.config.strict_engine:
        source = "--strict-engine" if strict_flag else "strict_engine: true in dbops.yaml"
        raise ConfigError(
            f"{'; '.join(problems)}. Stopped before anything ran ({source}): point the target at a "
            f"{ENGINE_NAMES.get(dialect_name(project.config.dialect), project.config.dialect)} "
            f"database, or set 'dialect:' in dbops.yaml to the engine you deploy to."
        )
    for problem in problems:
        warn(f"warning: {problem}; its review may not hold there (--strict-engine refuses).")
