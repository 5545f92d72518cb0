"""Finding and loading dbops.yaml: YAML with key lines, `${VAR}` interpolation, validation."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from dbops.adapters.yaml_source import (
    KeyPath,
    YamlDocument,
    error_location,
    load_yaml,
    require_mapping,
)
from dbops.config import DATA_DOLLAR_BRACE, Config
from dbops.errors import ConfigError

CONFIG_NAME = "dbops.yaml"
_REFERENCE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")


@dataclass(frozen=True)
class Project:
    """A loaded project: its config and the folder paths in it are relative to."""

    config: Config
    root: Path
    config_path: Path | None

    @property
    def migrations_dir(self) -> Path:
        return (self.root / self.config.migrations_path).resolve()

    @property
    def layout(self) -> str | None:
        return self.config.migrations_layout


def interpolate(value: Any, environ: Mapping[str, str]) -> Any:
    """Replace `${VAR}` and `${VAR:-default}` in every string; unset variables stay as written."""
    if isinstance(value, str):

        def substitute(match: re.Match[str]) -> str:
            name, default = match.group(1), match.group(2)
            if name in environ and (environ[name] != "" or default is None):
                return environ[name].replace("${", DATA_DOLLAR_BRACE)  # data, not a reference
            return default if default is not None else match.group(0)

        return _REFERENCE.sub(substitute, value)
    if isinstance(value, dict):
        return {key: interpolate(item, environ) for key, item in value.items()}
    if isinstance(value, list):
        return [interpolate(item, environ) for item in value]
    return value


def find_config(start: Path) -> Path | None:
    """dbops.yaml in `start` or the nearest parent folder, as git finds .git."""
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        path = candidate / CONFIG_NAME
        if path.is_file():
            return path
    return None


def load_project(
    config_path: Path | None,
    cwd: Path,
    environ: Mapping[str, str] | None = None,
    *,
    for_review: bool = False,
) -> Project:
    """Load the project config; with no dbops.yaml anywhere, every default applies.

    `for_review` (dbops check): a value outside `migrations`, `dialect` and `review` that is
    invalid only because its `${VAR}` is unset or empty does not stop the review; the review
    never reads it, and a PR pipeline has no production secrets."""
    environ = os.environ if environ is None else environ
    if config_path is not None and not config_path.is_file():
        raise ConfigError(f"{config_path}: config file not found (given with --config).")
    path = config_path or find_config(cwd)
    if path is None:
        return Project(config=Config(), root=cwd.resolve(), config_path=None)
    document = load_yaml(path)
    raw = dict(require_mapping(document, "dbops.yaml"))
    data = interpolate(raw, environ)
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        waiting = _waiting_on_variables(exc, raw, environ)
        if not (for_review and _only_outside_review(exc, waiting)):
            raise document.validation_error(exc, "config", waiting) from None
        config = _without(data, raw, exc, waiting, document)
    return Project(config=config, root=path.parent.resolve(), config_path=path)


_READ_BY_REVIEW = ("migrations", "dialect", "review")


def _waiting_on_variables(
    error: ValidationError, raw: Mapping[str, Any], environ: Mapping[str, str]
) -> dict[KeyPath, str]:
    """Where a validation error comes from a `${VAR}` that is unset or empty: what to say."""
    waiting: dict[KeyPath, str] = {}
    for item in error.errors():
        location = error_location(item["loc"])
        value: Any = raw
        for part in location:
            try:
                value = value[part]
            except (KeyError, IndexError, TypeError):
                value = None
                break
        if not isinstance(value, str):
            continue
        for match in _REFERENCE.finditer(value):
            if not environ.get(match.group(1)):
                waiting[location] = (
                    f"needs the environment variable {match.group(1)}, which is not set or "
                    f"empty (set it, or give a default with ${{{match.group(1)}:-value}})"
                )
                break
    return waiting


def _only_outside_review(error: ValidationError, waiting: Mapping[KeyPath, str]) -> bool:
    locations = [error_location(item["loc"]) for item in error.errors()]
    return all(loc in waiting and loc[0] not in _READ_BY_REVIEW for loc in locations)


def _without(
    data: dict[str, Any],
    raw: Mapping[str, Any],
    error: ValidationError,
    waiting: Mapping[KeyPath, str],
    document: YamlDocument,
) -> Config:
    """The config with the values that wait on variables put back as written when they are
    text (`require_resolved` stops whoever uses them), else left out (their defaults apply)."""
    for item in error.errors():
        location = error_location(item["loc"])
        container: Any = data
        written: Any = raw
        for part in location[:-1]:
            container, written = container[part], written[part]
        if item["type"].startswith("string_"):
            container[location[-1]] = written[location[-1]]
        else:
            del container[location[-1]]
    try:
        return Config.model_validate(data)
    except ValidationError as exc:  # a required value left out: report it as it was
        raise document.validation_error(exc, "config", waiting) from None
