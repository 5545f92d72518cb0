"""The dbops.yaml model (DESIGN §1). Pure: validation only, no file or environment access.

`${VAR}` references are interpolated by the loader (adapters/config_file.py) before validation;
a reference to a variable that is not set is left in place and only becomes an error when the
value is used (`require_resolved`), so `dbops check` never needs production secrets.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from dbops.errors import ConfigError

Dialect = str
FailOn = Literal["error", "warning", "never"]
UNRESOLVED_REFERENCE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-[^}]*)?\}")
# A `${` that came from an environment variable's value is data, not a reference: interpolation
# writes it with this private-use character between `$` and `{`, `require_resolved` restores it.
DATA_DOLLAR_BRACE = "$\ue000{"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _version_text(value: Any) -> Any:
    """`server_version: 15` reads as a number in YAML: keep it as the text of a version."""
    return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value


Layout = Literal["dbops", "flyway", "golang-migrate", "dbmate", "diesel", "sqitch", "liquibase-sql"]


class MigrationsConfig(_Strict):
    """`migrations: {path: db/migrations, layout: flyway}`; `migrations: folder` is the path."""

    path: str = "migrations"
    layout: Layout | None = Field(
        default=None, description="another tool's file layout; detected from the files when unset"
    )


class ReviewConfig(_Strict):
    policy: str = "default"
    fail_on: FailOn = "error"
    # The server version locks are judged for ("15", "8.0", "10.11"); default: the newest
    # dbops models, stated in every report. Quote it ("10.10") where YAML would drop a zero.
    server_version: str | None = None
    shadow: str | None = Field(
        default=None,
        description="a database URL (`${VAR}` allowed) where `dbops check` also runs the "
        "migrations in a throwaway database it creates and drops (like --shadow)",
    )

    _server_version = field_validator("server_version", mode="before")(_version_text)


class EnvironmentReview(_Strict):
    policy: str | None = None
    fail_on: FailOn | None = None
    server_version: str | None = None
    shadow: str | None = None

    _server_version = field_validator("server_version", mode="before")(_version_text)


class Approvals(_Strict):
    min: int = Field(default=1, ge=0)
    from_: list[str] = Field(default_factory=list, alias="from")

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Target(_Strict):
    name: str = Field(min_length=1)
    url: str = Field(min_length=1)


class DriftConfig(_Strict):
    """What a plan does about drift: `error` stops the rollout, `warn` reports and goes on."""

    checksum: Literal["error", "warn"] = "error"
    missing: Literal["error", "warn"] = "error"
    out_of_order: Literal["error", "warn", "apply"] = "error"


class Environment(_Strict):
    targets: list[Target] = Field(default_factory=list)
    requires: list[str] = Field(default_factory=list)
    approvals: Approvals | None = None
    review: EnvironmentReview | None = None
    concurrency: int = Field(default=1, ge=1, le=64)
    lock_timeout: float = Field(
        default=300.0, gt=0, description="seconds to wait for a target's lock"
    )
    drift: DriftConfig = Field(default_factory=DriftConfig)
    only_in_pipelines: bool = Field(
        default=False,
        description="change this environment only from a Bitbucket Pipelines deployment step",
    )

    @model_validator(mode="after")
    def _unique_target_names(self) -> Environment:
        counts = Counter(target.name for target in self.targets)  # linear: 25,000 targets
        duplicates = sorted(name for name, count in counts.items() if count > 1)
        if duplicates:
            raise ValueError(f"target names must be unique, repeated: {', '.join(duplicates)}")
        return self


class ServerConfig(_Strict):
    kind: Literal["bytebase"]
    url: str
    service_account: str | None = None
    service_key: str | None = None
    access_token: str | None = None
    project: str
    targets: dict[str, list[str]] = Field(default_factory=dict)
    headers: dict[str, str] = Field(default_factory=dict)
    release_id: str | None = Field(default=None, description="release id template")
    timeout: float = Field(default=30.0, gt=0)
    poll_interval: float = Field(default=2.0, gt=0)
    rollout_timeout: float = Field(default=3600.0, gt=0)


class Config(_Strict):
    migrations: str | MigrationsConfig = "migrations"
    dialect: Dialect = "postgres"
    strict_engine: bool = Field(
        default=False,
        description="refuse (exit 2) targets whose engine differs from the dialect, as "
        "--strict-engine does; otherwise plan and rollout warn",
    )
    review: ReviewConfig = Field(default_factory=ReviewConfig)
    environments: dict[str, Environment] = Field(default_factory=dict)
    server: ServerConfig | None = None

    @model_validator(mode="after")
    def _requires_name_known_environments(self) -> Config:
        names = list(self.environments)
        for name, env in self.environments.items():
            for required in env.requires:
                if required not in self.environments:
                    raise ValueError(
                        f"environments.{name}.requires names '{required}', which is not an "
                        f"environment (known: {', '.join(names) or 'none'})"
                    )
                if names.index(required) >= names.index(name):
                    raise ValueError(
                        f"environments.{name}.requires names '{required}', which comes after "
                        f"it; environments are ordered, promotion goes top to bottom"
                    )
        return self

    @property
    def migrations_path(self) -> str:
        return self.migrations if isinstance(self.migrations, str) else self.migrations.path

    @property
    def migrations_layout(self) -> str | None:
        return None if isinstance(self.migrations, str) else self.migrations.layout

    def environment(self, name: str) -> Environment:
        try:
            return self.environments[name]
        except KeyError:
            known = ", ".join(self.environments) or "none are configured"
            raise ConfigError(
                f"dbops.yaml: there is no environment '{name}' under 'environments' "
                f"(known: {known})."
            ) from None


def require_resolved(value: str, key: str) -> str:
    """Return `value`, or raise when it still holds a `${VAR}` whose variable is not set."""
    match = UNRESOLVED_REFERENCE.search(value)
    if match:
        raise ConfigError(
            f"dbops.yaml: '{key}' needs the environment variable {match.group(1)}, which is not "
            f"set. Set it (in Bitbucket: a secured repository or deployment variable) or give a "
            f"default with ${{{match.group(1)}:-value}}."
        )
    return value.replace(DATA_DOLLAR_BRACE, "${")


def config_json_schema() -> dict[str, Any]:
    """JSON Schema of dbops.yaml, for editors (`dbops config schema`)."""
    schema = Config.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "dbops.yaml"
    return schema
