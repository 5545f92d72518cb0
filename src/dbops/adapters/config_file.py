"""Finding and loading dbops.yaml: YAML with key lines, `${VAR}` interpolation, validation."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from dbops.adapters.yaml_source import load_yaml, require_mapping
from dbops.config import Config
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
        return (self.root / self.config.migrations).resolve()


def interpolate(value: Any, environ: Mapping[str, str]) -> Any:
    """Replace `${VAR}` and `${VAR:-default}` in every string; unset variables stay as written."""
    if isinstance(value, str):

        def substitute(match: re.Match[str]) -> str:
            name, default = match.group(1), match.group(2)
            if name in environ and (environ[name] != "" or default is None):
                return environ[name]
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
    config_path: Path | None, cwd: Path, environ: Mapping[str, str] | None = None
) -> Project:
    """Load the project config; with no dbops.yaml anywhere, every default applies."""
    environ = os.environ if environ is None else environ
    if config_path is not None and not config_path.is_file():
        raise ConfigError(f"{config_path}: config file not found (given with --config).")
    path = config_path or find_config(cwd)
    if path is None:
        return Project(config=Config(), root=cwd.resolve(), config_path=None)
    document = load_yaml(path)
    data = interpolate(dict(require_mapping(document, "dbops.yaml")), environ)
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        raise document.validation_error(exc, "config") from None
    return Project(config=config, root=path.parent.resolve(), config_path=path)
