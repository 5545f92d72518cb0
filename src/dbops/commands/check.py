"""`dbops check`: migrations on disk to a review result."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from dbops.adapters.config_file import Project
from dbops.adapters.git import BaseBranch, read_base_branch
from dbops.adapters.migration_files import absolute, display_path, load_migrations
from dbops.adapters.policy_files import load_policy
from dbops.adapters.sql_validators import preparer_for, validator_for
from dbops.commands.check_cache import cached_review
from dbops.core.crossfile import cross_file_review
from dbops.core.locks import target_version
from dbops.core.migrations import MigrationSet
from dbops.core.policy import ActivePolicy
from dbops.core.review import ReviewResult, review
from dbops.core.sql import dialect_name, get_dialect
from dbops.core.verdicts import EnvironmentVerdict
from dbops.errors import ConfigError, InputError, UsageError


@dataclass(frozen=True)
class CheckRequest:
    paths: Sequence[Path] = ()
    dialect: str | None = None
    policy: str | None = None
    select: Sequence[str] = ()
    cwd: Path = field(default_factory=Path.cwd)
    changed: bool = False  # only migrations added or changed since the merge base with `base`
    base: str | None = None  # git ref of the base branch: enables the cross-file checks
    # The environment whose review settings apply (policy, fail_on, server_version), and with
    # a `server:` whose databases the server checks.
    environment: str | None = None
    server_version: str | None = None  # --server-version: the server locks are judged for
    # Also judge the change under every environment's own review settings (the PR comment's
    # per-environment verdicts); it costs one more review per distinct policy/server version.
    per_environment: bool = False
    # Already loaded migrations to review instead of reading `paths` (a rollout reviews exactly
    # the release it applies, read once).
    migrations: MigrationSet | None = None
    use_cache: bool = True  # --no-cache: review afresh (commands/check_cache.py)
    reviewed: Sequence[str] | None = None  # of `migrations`, the paths to review (None: all)
    shadow: str | None = None  # --shadow URL: also run the migrations in a throwaway database
    # Whether `review.shadow` of dbops.yaml applies: not to the rollout's review gate (which
    # applies the release for real right after) nor to `explain` (which only reads the model).
    configured_shadow: bool = True


@dataclass(frozen=True)
class CheckOutcome:
    result: ReviewResult
    migrations: MigrationSet
    selected: tuple[str, ...]
    fail_on: str

    @property
    def exit_code(self) -> int:
        return self.result.exit_code(self.fail_on)


def resolve_dialect(requested: str | None, project: Project) -> str:
    name = dialect_name(requested or project.config.dialect)
    try:
        get_dialect(name)
    except ValueError:
        source = "--dialect" if requested else f"{project.config_path or 'dbops.yaml'}: 'dialect'"
        raise ConfigError(
            f"{source}: unknown SQL dialect '{name}'; use postgres, mysql or sqlite (or any "
            f"dialect sqlglot knows)."
        ) from None
    return name


def select_migrations(
    project: Project, paths: Sequence[Path], cwd: Path
) -> tuple[MigrationSet, tuple[str, ...] | None]:
    """The migration set the review runs on and which files of it to report (None: all).

    Files named on the command line are reviewed with the history of the folder they are in,
    so the schema model sees every earlier migration.
    """
    if not paths:
        return load_migrations(project.migrations_dir, cwd, project.layout), None
    folders: dict[Path, list[Path]] = {}
    for path in paths:
        if not path.exists():
            raise InputError(f"{display_path(path, cwd)}: no such file or folder.")
        if path.is_dir():
            folders.setdefault(path.resolve(), [])
        elif path.suffix != ".sql" or path.name.endswith(".down.sql"):
            continue  # pre-commit may pass other staged files; only migrations are reviewed
        else:
            file = absolute(path)
            folders.setdefault(_folder_of(file, project.migrations_dir), []).append(file)
    if len(folders) > 1:
        shown = ", ".join(display_path(folder, cwd) for folder in folders)
        raise InputError(
            f"the files given come from several migration folders ({shown}); check one "
            f"migrations folder at a time."
        )
    if not folders:
        return MigrationSet(), ()
    folder, files = next(iter(folders.items()))
    layout = project.layout if folder == project.migrations_dir else None
    migrations = load_migrations(folder, cwd, layout)
    if not files:
        return migrations, None
    return migrations, tuple(display_path(file, cwd) for file in files)


def _folder_of(file: Path, configured: Path) -> Path:
    return configured if configured in file.parents else file.parent


def read_base(project: Project, request: CheckRequest) -> BaseBranch | None:
    """The base branch for `--base` (and `--changed`), read from git in the migrations folder."""
    if request.changed and not request.base:
        raise UsageError(
            "--changed needs --base REF: the branch the pull request merges into (in Bitbucket "
            'Pipelines: --base "origin/${BITBUCKET_PR_DESTINATION_BRANCH}").'
        )
    if not request.base:
        return None
    folder = project.migrations_dir
    for path in request.paths:  # the one folder select_migrations reviews
        if path.is_dir() or path.suffix == ".sql":
            resolved = path.resolve() if path.is_dir() else absolute(path)
            folder = resolved if path.is_dir() else _folder_of(resolved, project.migrations_dir)
            break
    layout = project.layout if folder == project.migrations_dir else None
    return read_base_branch(folder, request.base, request.cwd, request.changed, layout)


def _changed_only(
    migrations: MigrationSet, selected: tuple[str, ...] | None, changed: frozenset[str]
) -> tuple[str, ...]:
    """`--changed`: of the selected migrations (all when None), those the branch touched."""
    return tuple(
        m.path for m in migrations if m.path in changed and (selected is None or m.path in selected)
    )


def run_check(project: Project, request: CheckRequest) -> CheckOutcome:
    resolve_dialect(request.dialect, project)  # an unknown dialect is refused before any work
    if request.migrations is not None:
        migrations = request.migrations
        selected = tuple(request.reviewed) if request.reviewed is not None else None
    else:
        migrations, selected = select_migrations(project, request.paths, request.cwd)
    base = read_base(project, request)
    if base is not None and base.changed is not None:
        selected = _changed_only(migrations, selected, base.changed)
    settings = review_settings(project, request)
    policy_base = request.cwd if request.policy else project.root
    policy = load_policy(
        settings.policy,
        policy_base,
        resolve_dialect(request.dialect, project),
        request.select,
        settings.named_by,
    )
    result = _review_under(project, request, settings, policy, migrations, selected, base)
    if project.config.server is not None:  # the server's review joins dbops' own
        from dbops.commands.server_check import check_with_server, merge_server_review

        server_review = check_with_server(
            project, migrations, selected, environment=request.environment, cwd=request.cwd
        )
        result = merge_server_review(result, server_review)
    if request.per_environment and project.config.environments:
        verdicts = _environment_verdicts(
            project, request, (settings, result), migrations, selected, base
        )
        result = replace(result, environments=verdicts)
    if settings.shadow is not None:  # the shadow run joins last: it sees every statement
        from dbops.commands.shadow_check import with_shadow

        url, key = settings.shadow
        result = with_shadow(result, url, key, migrations, base, policy)
    shown = tuple(file.path for file in result.files)
    return CheckOutcome(result, migrations, shown, settings.fail_on)


def _review_under(
    project: Project,
    request: CheckRequest,
    settings: ReviewSettings,
    policy: ActivePolicy,
    migrations: MigrationSet,
    selected: tuple[str, ...] | None,
    base: BaseBranch | None,
) -> ReviewResult:
    """dbops' own review (with the cross-file checks) under one set of review settings."""
    dialect = resolve_dialect(request.dialect, project)
    target = target_version(
        engine_of(request.dialect or project.config.dialect, dialect),
        settings.server_version,
        settings.server_version_source,
    )
    # SQLite's engine judges what sqlglot's sqlite dialect rejects, and what no normalizer
    # models (prepared against the replayed schema).
    result = cached_review(
        request.use_cache,
        migrations,
        selected,
        policy,
        dialect,
        target,
        lambda: review(
            migrations,
            policy,
            dialect,
            selected,
            validator=validator_for(dialect),
            target=target,
            preparer=preparer_for(dialect),
        ),
    )
    return cross_file_review(result, migrations, base.files if base else None, policy)


def _environment_verdicts(
    project: Project,
    request: CheckRequest,
    current: tuple[ReviewSettings, ReviewResult],
    migrations: MigrationSet,
    selected: tuple[str, ...] | None,
    base: BaseBranch | None,
) -> tuple[EnvironmentVerdict, ...]:
    """Each environment's verdict under its own `review:` settings (the command line's --policy
    and --server-version do not speak for other environments). One review per distinct
    (policy, server version); the one already run is reused."""
    settings, result = current
    reviews = {(settings.policy, settings.server_version): result}
    verdicts = []
    for name in project.config.environments:
        own = review_settings(
            project, replace(request, environment=name, policy=None, server_version=None)
        )
        key = (own.policy, own.server_version)
        if key not in reviews:
            policy = load_policy(
                own.policy,
                project.root,
                resolve_dialect(request.dialect, project),
                request.select,
                own.named_by,
            )
            reviews[key] = _review_under(project, request, own, policy, migrations, selected, base)
        judged = reviews[key]
        verdicts.append(
            EnvironmentVerdict(
                environment=name,
                policy=own.policy,
                fail_on=own.fail_on,
                server=judged.target.label if judged.target else "",
                errors=judged.errors,
                warnings=judged.warnings,
                exit_code=judged.exit_code(own.fail_on),
            )
        )
    return tuple(verdicts)


@dataclass(frozen=True)
class ReviewSettings:
    """The review settings in force, and where each was written (for error messages)."""

    policy: str
    named_by: str
    fail_on: str
    server_version: str | None
    server_version_source: str
    shadow: tuple[str, str] | None = None  # (URL, `--shadow` or its dbops.yaml key)


def review_settings(project: Project, request: CheckRequest) -> ReviewSettings:
    """Command line first, then the environment's `review:` (`--env E`), then `review:`."""
    config_name = str(project.config_path or "dbops.yaml")
    base = project.config.review
    env = project.config.environment(request.environment) if request.environment else None
    env_review = env.review if env is not None and env.review is not None else None
    env_key = f"{config_name}: 'environments.{request.environment}.review"
    policy, named_by = base.policy, f"{config_name}: 'review.policy'"
    if request.policy:
        policy, named_by = request.policy, "--policy"
    elif env_review is not None and env_review.policy:
        policy, named_by = env_review.policy, f"{env_key}.policy'"
    version, version_source = base.server_version, f"{config_name}: 'review.server_version'"
    if request.server_version:
        version, version_source = request.server_version, "--server-version"
    elif env_review is not None and env_review.server_version:
        version, version_source = env_review.server_version, f"{env_key}.server_version'"
    fail_on = (env_review.fail_on if env_review else None) or base.fail_on
    shadow = (base.shadow, "review.shadow") if base.shadow else None
    if request.shadow:
        shadow = (request.shadow, "--shadow")
    elif not request.configured_shadow:
        shadow = None
    elif env_review is not None and env_review.shadow:
        shadow = (env_review.shadow, f"environments.{request.environment}.review.shadow")
    return ReviewSettings(policy, named_by, fail_on, version, version_source, shadow)


def engine_of(requested: str, dialect: str) -> str:
    """The engine locks are judged for: `--dialect mariadb` parses as MySQL, judges MariaDB."""
    if requested.strip().lower() == "mariadb":
        return "mariadb"
    return dialect if dialect in ("postgres", "mysql", "sqlite") else "mysql"
