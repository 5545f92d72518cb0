"""Every rule's own documentation is executable: its bad example fires, its good one does not;
and the registry itself follows the conventions (ruff-style meta-tests)."""

from __future__ import annotations

import re

import pytest

from dbops.rules.base import Rule, RuleScope, bytebase_enum_name
from dbops.rules.registry import REDIRECTS, RULES, lookup_rule
from tests.rules.helpers import findings_of

SECTIONS = ("## What it does", "## Why is this bad?", "## Example", "## Use instead")


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
def test_bad_example_fires(rule: type[Rule]) -> None:
    if rule.scope is RuleScope.MIGRATION_SET:
        pytest.skip("decided against the base branch, tested with the cross-file checks")
    assert findings_of(
        rule,
        rule.bad_example,
        rule.example_history,
        options=rule.example_options,
        server_version=rule.example_server_version,
    )


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
def test_good_example_is_silent(rule: type[Rule]) -> None:
    assert (
        findings_of(
            rule,
            rule.good_example,
            rule.example_history,
            options=rule.example_options,
            server_version=rule.example_server_version,
        )
        == []
    )


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
def test_rule_is_documented(rule: type[Rule]) -> None:
    text = rule.documentation()
    for section in SECTIONS:
        assert section in text, f"{rule.name} lacks {section}"
    if rule.Options.model_fields:
        assert "## Options" in text, f"{rule.name} has options but no ## Options section"
        for name in rule.Options.model_fields:
            assert f"`{name}`" in text, f"{rule.name} does not document option {name}"
    assert rule.summary()


def test_names_are_kebab_case_and_unique() -> None:
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    for name in names:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", name), name


def test_bytebase_types_are_unique() -> None:
    types = [rule.bytebase_type for rule in RULES if rule.bytebase_type]
    assert len(types) == len(set(types))


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
def test_aliases_round_trip(rule: type[Rule]) -> None:
    for alias in rule.aliases():
        assert lookup_rule(alias) is rule
        assert lookup_rule(alias.upper()) is rule
    if rule.bytebase_type:
        assert lookup_rule(bytebase_enum_name(rule.bytebase_type)) is rule


def test_redirects_point_at_rules() -> None:
    for old, new in REDIRECTS.items():
        assert lookup_rule(old) is lookup_rule(new) is not None


def test_unknown_rule_is_none() -> None:
    assert lookup_rule("no-such-rule") is None
