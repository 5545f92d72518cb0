"""YAML loading that remembers where each key stood, so errors can name file and line."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from dbops.errors import ConfigError

KeyPath = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """A parsed YAML document plus the 1-based line of every mapping key and list item."""

    path: Path
    data: Any
    lines: dict[KeyPath, int] = field(default_factory=dict)

    def line_of(self, key_path: Sequence[str | int]) -> int | None:
        """The line of the deepest known prefix of `key_path`."""
        path = tuple(key_path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return None

    def validation_error(
        self, error: ValidationError, what: str, explained: Mapping[KeyPath, str] | None = None
    ) -> ConfigError:
        """Turn pydantic's errors into one message naming each key and its line; `explained`
        replaces pydantic's message for some keys (a value from an unset `${VAR}`)."""
        problems = []
        for item in error.errors():
            location = error_location(item["loc"])
            key = dotted(location)
            line = self.line_of(location)
            where = f"line {line}, " if line else ""
            if explained and location in explained:
                problems.append(f"{where}'{key}': {explained[location]}")
            elif item["type"] == "extra_forbidden":
                problems.append(f"{where}'{key}': unknown key")
            else:
                message = item["msg"].removeprefix("Value error, ")
                problems.append(f"{where}'{key}': {message}" if key else f"{where}{message}")
        return ConfigError(f"{self.path}: invalid {what}: " + "; ".join(problems) + ".")


def error_location(loc: Sequence[str | int]) -> KeyPath:
    """A pydantic error's location as the key path in the document (union tags left out)."""
    return tuple(part for part in loc if not _is_union_tag(part))


def _is_union_tag(part: str | int) -> bool:
    return isinstance(part, str) and ("[" in part or part.startswith("function-"))


def dotted(key_path: Sequence[str | int]) -> str:
    text = ""
    for part in key_path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


# Bounds that keep a hostile or mistaken file from hanging dbops: its size, and how many
# nodes it expands to once aliases are followed (an alias bomb is small on disk, exponential
# when walked).
MAX_YAML_BYTES = 2 * 1024 * 1024
MAX_YAML_NODES = 200_000

# libyaml's parser where PyYAML was built with it (10-50x faster), else the pure-Python one.
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: Path, text: str | None = None) -> YamlDocument:
    """Parse `path` (or `text` read from it), once, into data with key lines; errors name the
    line (or the key, for an alias that expands too far or contains itself)."""
    if text is None:
        text = _read_text(path)
    if len(text) > MAX_YAML_BYTES:
        raise ConfigError(
            f"{path}: {len(text):,} characters, more than the {MAX_YAML_BYTES:,} a dbops YAML "
            f"file may have; nothing was read."
        )
    loader = _LOADER(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.YAMLError as exc:
            raise _yaml_error(path, exc) from None
        document = YamlDocument(path=path, data=None)
        if node is None:
            document.data = {}
            return document
        try:
            _record_lines(node, (), document.lines, _Walk(path))
        except RecursionError:
            raise ConfigError(
                f"{path}: nested too deeply to read (thousands of levels); nothing was read."
            ) from None
        try:
            document.data = loader.construct_document(node)
        except yaml.YAMLError as exc:
            raise _yaml_error(path, exc) from None
        except RecursionError:
            raise ConfigError(
                f"{path}: nested too deeply to read (thousands of levels); nothing was read."
            ) from None
        return document
    finally:
        loader.dispose()


def _read_text(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_YAML_BYTES:
            raise ConfigError(
                f"{path}: {path.stat().st_size:,} bytes, more than the {MAX_YAML_BYTES:,} a "
                f"dbops YAML file may have; nothing was read."
            )
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: file not found.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read as UTF-8 text ({exc}).") from None


def _yaml_error(path: Path, exc: yaml.YAMLError) -> ConfigError:
    mark = getattr(exc, "problem_mark", None)
    where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
    problem = getattr(exc, "problem", None) or str(exc)
    return ConfigError(f"{path}: {where}not valid YAML ({problem}).")


@dataclass
class _Walk:
    """The walk of a node graph with aliases followed: how far it went, and where it is."""

    path: Path
    nodes: int = 0
    open: set[int] = field(default_factory=set)  # ids of the nodes being walked

    def enter(self, node: yaml.Node, key_path: KeyPath) -> None:
        key = dotted(key_path) or "(top level)"
        line = node.start_mark.line + 1
        if id(node) in self.open:
            raise ConfigError(
                f"{self.path}: line {line}, '{key}': a YAML alias that contains itself; "
                f"write the value out."
            )
        self.nodes += 1
        if self.nodes > MAX_YAML_NODES:
            raise ConfigError(
                f"{self.path}: line {line}, '{key}': the YAML expands to more than "
                f"{MAX_YAML_NODES:,} values once its aliases are followed (an alias bomb?); "
                f"nothing was read."
            )
        self.open.add(id(node))


def _record_lines(node: yaml.Node, path: KeyPath, lines: dict[KeyPath, int], walk: _Walk) -> None:
    walk.enter(node, path)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            child = (*path, key)
            lines[child] = key_node.start_mark.line + 1
            _record_lines(value_node, child, lines, walk)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = (*path, index)
            lines[child] = item.start_mark.line + 1
            _record_lines(item, child, lines, walk)
    walk.open.discard(id(node))


def require_mapping(document: YamlDocument, what: str) -> Mapping[str, Any]:
    if not isinstance(document.data, Mapping):
        raise ConfigError(
            f"{document.path}: a {what} must be a YAML mapping of keys to values, "
            f"not {type(document.data).__name__}."
        )
    return document.data
