"""Loading review policies: built-in ones by name, or a YAML file by path, following `extends:`.

Built-in policies are the YAML files of the top-level `rules/` folder. The wheel carries them as
`dbops/_policies`; from a checkout they are read where they stand.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from dbops.adapters.regex_backtracking import exponential_repeat
from dbops.adapters.yaml_source import YamlDocument, load_yaml, require_mapping
from dbops.core.policy import ActivePolicy, RuleSetting, activate, default_settings, parse_level
from dbops.errors import ConfigError
from dbops.rules.base import Rule
from dbops.rules.registry import lookup_rule

BYTEBASE_ENGINES = {
    "postgres": {"POSTGRES", "POSTGRESQL"},
    "mysql": {"MYSQL", "MARIADB", "TIDB", "OCEANBASE"},
    "sqlite": {"SQLITE"},
}
_POLICY_KEYS = {"extends", "rules", "description"}


def builtin_policy_dir() -> Path:
    packaged = Path(str(resources.files("dbops"))) / "_policies"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "rules"


def builtin_policy_names() -> list[str]:
    return sorted(path.stem for path in builtin_policy_dir().glob("*.yaml"))


def resolve_policy_path(reference: str, relative_to: Path, named_by: str = "") -> Path:
    """A built-in name (`strict`) or a path to a YAML file (relative to the referring file);
    `named_by` says where the reference was written, for the error message."""
    builtin = builtin_policy_dir() / f"{reference}.yaml"
    where = f"{named_by}: " if named_by else ""
    if "/" not in reference and not reference.endswith((".yaml", ".yml")):
        if builtin.is_file():
            return builtin
        raise ConfigError(
            f"{where}unknown policy '{reference}': built-in policies are "
            f"{', '.join(builtin_policy_names())}; or give a path to a policy YAML file."
        )
    path = (relative_to / reference).resolve()
    if not path.is_file():
        raise ConfigError(f"{where}{path}: policy file not found.")
    return path


def load_policy(
    reference: str,
    relative_to: Path,
    dialect: str,
    select: Iterable[str] = (),
    named_by: str = "",
) -> ActivePolicy:
    path = resolve_policy_path(reference, relative_to, named_by)
    settings = _settings_of(path, dialect, seen=())
    return activate(reference, settings, select)


def _settings_of(path: Path, dialect: str, seen: tuple[Path, ...]) -> dict[type[Rule], RuleSetting]:
    if path in seen:
        chain = " -> ".join(str(item) for item in (*seen, path))
        raise ConfigError(f"{path}: policies extend each other in a circle: {chain}.")
    document = load_yaml(path)
    data = require_mapping(document, "policy")
    if "ruleList" in data:
        return _bytebase_settings(document, data, dialect)
    unknown = sorted(set(data) - _POLICY_KEYS)
    if unknown:
        line = document.line_of((unknown[0],))
        raise ConfigError(
            f"{path}:{line}: unknown key '{unknown[0]}' in policy; a policy has 'extends', "
            f"'rules' and 'description' (or is a Bytebase config with 'ruleList')."
        )
    extends = data.get("extends")
    if (
        extends in (None, "default")
        and path.stem == "default"
        and path.parent == builtin_policy_dir()
    ) or extends is None:
        settings = default_settings()
    elif extends == "none":
        settings = {}
    else:
        settings = _settings_of(
            resolve_policy_path(str(extends), path.parent, f"{path}: 'extends'"),
            dialect,
            (*seen, path),
        )
    rules = data.get("rules") or {}
    if not isinstance(rules, Mapping):
        raise ConfigError(f"{path}:{document.line_of(('rules',))}: 'rules' must be a mapping.")
    for name, value in rules.items():
        origin = f"{path}:{document.line_of(('rules', name))}"
        rule = lookup_rule(str(name))
        if rule is None:
            raise ConfigError(
                f"{origin}: unknown rule '{name}'. `dbops rules` lists every rule with its "
                f"Bytebase type."
            )
        settings[rule] = _setting(rule, value, origin)
    return settings


def _setting(rule: type[Rule], value: Any, origin: str) -> RuleSetting:
    if isinstance(value, Mapping):
        options = {key: item for key, item in value.items() if key != "level"}
        refuse_backtracking_patterns(options, origin, rule.name)
        level = parse_level(value.get("level", rule.default_level or "warning"), origin, rule.name)
        return RuleSetting(level=level, options=options, origin=origin)
    return RuleSetting(level=parse_level(value, origin, rule.name), origin=origin)


# dbops' own rules, which a Bytebase config cannot name: they run under every policy.
_ALWAYS_ON = ("meta", "syntax", "shadow")


def _bytebase_settings(
    document: YamlDocument, data: Mapping[str, Any], dialect: str
) -> dict[type[Rule], RuleSetting]:
    """A Bytebase SQL review config as it is: its listed rules for this dialect's engines, plus
    what Bytebase always runs (its builtin rules), dbops' own meta rules (syntax-error,
    unused-ignore) and the shadow run's at their default levels; types dbops does not implement
    are skipped."""
    engines = BYTEBASE_ENGINES.get(dialect, {dialect.upper()})
    settings: dict[type[Rule], RuleSetting] = {
        rule: setting
        for rule, setting in default_settings().items()
        if rule.category in _ALWAYS_ON or (rule.bytebase_type or "").startswith("builtin.")
    }
    entries = data.get("ruleList") or []
    if not isinstance(entries, list):
        raise ConfigError(f"{document.path}: 'ruleList' must be a list.")
    for index, entry in enumerate(entries):
        origin = f"{document.path}:{document.line_of(('ruleList', index))}"
        if not isinstance(entry, Mapping) or "type" not in entry:
            raise ConfigError(f"{origin}: each ruleList entry needs a 'type'.")
        engine = str(entry.get("engine", "")).upper()
        if engine and engine not in engines:
            continue
        rule = lookup_rule(str(entry["type"]))
        if rule is None:
            continue
        level = parse_level(entry.get("level", "WARNING"), origin, rule.name)
        options = bytebase_payload(entry, origin)
        refuse_backtracking_patterns(options, origin, rule.name)
        settings[rule] = RuleSetting(level=level, options=options, origin=origin)
    return settings


def bytebase_payload(entry: Mapping[str, Any], origin: str) -> dict[str, Any]:
    """A rule's options from a Bytebase ruleList entry, in any of the forms Bytebase writes:
    `payload` as exported (a mapping, or JSON text in older exports), or the v1 API's typed
    payloads (`stringArrayPayload: {list}`, `numberPayload: {number}`, `namingPayload: {format,
    maxLength}`, `commentConventionPayload: {required, maxLength}`, …). The keys are the same in
    every form; each rule's Options accept them through field aliases."""
    options: dict[str, Any] = {}
    for key, raw in entry.items():
        value = raw
        if key == "payload" and isinstance(raw, str):
            try:
                value = json.loads(raw) if raw.strip() else {}
            except json.JSONDecodeError as exc:
                raise ConfigError(f"{origin}: 'payload' is not valid JSON: {exc.msg}.") from None
        if (key == "payload" or key.endswith("Payload")) and isinstance(value, Mapping):
            options.update(value)
    return options


def refuse_backtracking_patterns(options: Mapping[str, Any], origin: str, rule: str) -> None:
    """A naming rule's `format` with a quantifier inside a quantifier (`(a+)+$`) backtracks
    exponentially on a name that almost matches and would hang the review: refused when the
    policy loads, naming the policy line."""
    pattern = options.get("format")
    if not isinstance(pattern, str):
        return
    nested = exponential_repeat(re.sub(r"\{\{\w+\}\}", "x", pattern))
    if nested is not None:
        raise ConfigError(
            f"{origin}: rule {rule}: the format '{pattern}' repeats a part that itself repeats "
            f"({nested}), which can take exponential time on a name that almost matches. "
            f"Write it without a quantifier inside a quantified group, e.g. '^[a-z]+(_[a-z]+)*$'."
        )
