"""Review policies: which rules run, at which level, with which options (DESIGN §1).

A policy document is either dbops' own (`extends:` + `rules:` map) or a Bytebase SQL review config
(`ruleList:` of type/level/engine/payload). Loading files and following `extends:` is the
adapter's job (adapters/policy_files.py); this module turns the merged settings into rule
instances and reports unknown rules, levels and options with the file and line they came from.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from dbops.core.findings import Level
from dbops.errors import ConfigError
from dbops.rules.base import Rule
from dbops.rules.registry import RULES, lookup_rule

LEVEL_NAMES = {
    "error": Level.ERROR,
    "warning": Level.WARNING,
    "warn": Level.WARNING,
    "info": Level.INFO,
    "off": None,
    "disabled": None,
}


@dataclass(frozen=True)
class RuleSetting:
    """A policy's word on one rule, and where it was said (for error messages)."""

    level: Level | None  # None: off
    options: Mapping[str, Any] = field(default_factory=dict)
    origin: str = ""  # "rules/strict.yaml:12"


@dataclass(frozen=True)
class ActiveRule:
    rule: Rule
    level: Level


@dataclass(frozen=True)
class ActivePolicy:
    name: str
    rules: tuple[ActiveRule, ...]

    def for_dialect(self, dialect: str) -> tuple[ActiveRule, ...]:
        return tuple(active for active in self.rules if active.rule.applies_to(dialect))

    def level_of(self, rule_name: str) -> Level | None:
        for active in self.rules:
            if active.rule.name == rule_name:
                return active.level
        return None


def parse_level(value: Any, origin: str, rule: str) -> Level | None:
    if isinstance(value, bool) and value is False:
        return None  # YAML reads a bare `off` as false
    text = str(value).strip().lower()
    if text not in LEVEL_NAMES:
        raise ConfigError(
            f"{origin}: rule '{rule}' has level '{value}'; use error, warning, info or off."
        )
    return LEVEL_NAMES[text]


def default_settings() -> dict[type[Rule], RuleSetting]:
    """Every rule at the level it declares: the base every dbops policy starts from."""
    return {rule: RuleSetting(level=rule.default_level, origin="default") for rule in RULES}


def activate(
    name: str, settings: Mapping[type[Rule], RuleSetting], select: Iterable[str] = ()
) -> ActivePolicy:
    """Instantiate the rules a policy enables; `select` keeps only the named rules (ruff-style),
    turning them on at their default level when the policy leaves them off."""
    chosen = list(settings.items())
    selected = [_select(rule_name) for rule_name in select]
    if selected:
        by_rule = dict(chosen)
        chosen = [
            (rule, _selected_setting(rule, by_rule.get(rule))) for rule in dict.fromkeys(selected)
        ]
    active = []
    for rule, setting in chosen:
        if setting.level is None:
            continue
        try:
            options = rule.parse_options(dict(setting.options))
        except ValidationError as exc:
            problems = "; ".join(
                f"'{'.'.join(str(part) for part in error['loc'])}': "
                f"{error['msg'].removeprefix('Value error, ')}"
                for error in exc.errors()
            )
            raise ConfigError(
                f"{setting.origin}: invalid options for rule '{rule.name}': {problems}."
            ) from None
        active.append(ActiveRule(rule=rule(options), level=setting.level))
    return ActivePolicy(name=name, rules=tuple(active))


def _selected_setting(rule: type[Rule], setting: RuleSetting | None) -> RuleSetting:
    if setting is not None and setting.level is not None:
        return setting
    options = setting.options if setting is not None else {}
    return RuleSetting(
        level=rule.default_level or Level.WARNING, options=options, origin="--select"
    )


def _select(rule_name: str) -> type[Rule]:
    rule = lookup_rule(rule_name)
    if rule is None:
        raise ConfigError(
            f"--select: unknown rule '{rule_name}'. `dbops rules` lists every rule by name."
        )
    return rule
