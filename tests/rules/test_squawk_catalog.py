"""Squawk's whole rule catalog (Squawk 2.70): every name exists in dbops with Squawk's default,
and — where a Squawk binary is at hand — Squawk agrees with each rule's bad and good example.

The defaults were measured on the squawk 2.70.0 binary: a rule is on by default when it fires
on its bad example without `-i RULE`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from dbops.rules.base import Rule
from dbops.rules.registry import REDIRECTS, lookup_rule

# Measured on squawk 2.70.0 (fires on its bad example without `-i`): on by default.
ON_BY_DEFAULT = (
    "require-concurrent-index-creation",
    "require-concurrent-index-deletion",
    "constraint-missing-not-valid",
    "adding-field-with-default",
    "adding-foreign-key-constraint",
    "changing-column-type",
    "adding-not-nullable-field",
    "adding-serial-primary-key-field",
    "renaming-column",
    "renaming-table",
    "disallowed-unique-constraint",
    "ban-drop-database",
    "prefer-bigint-over-int",
    "prefer-bigint-over-smallint",
    "prefer-identity",
    "prefer-repack",
    "prefer-robust-stmts",
    "prefer-text-field",
    "prefer-timestamp-tz",
    "ban-char-field",
    "ban-drop-column",
    "ban-drop-table",
    "ban-drop-not-null",
    "transaction-nesting",
    "adding-required-field",
    "ban-concurrent-index-creation-in-transaction",
    "ban-create-domain-with-constraint",
    "ban-alter-domain-with-add-constraint",
    "ban-truncate-cascade",
    "ban-uncommitted-transaction",
    "require-enum-value-ordering",
    "identifier-too-long",
    "require-concurrent-partition-detach",
    "require-concurrent-reindex",
    "require-lock-timeout",
    "require-statement-timeout",
    "ban-drop-view",
    "ban-drop-function",
    "ban-drop-type",
    "ban-drop-schema",
    "ban-drop-sequence",
    "ban-drop-domain",
    "ban-drop-constraint",
    "ban-drop-generated-expression",
    "renaming-object",
    "ban-set-schema",
    "ban-alter-identity",
    "ban-drop-extension",
)
# Opt-in on squawk 2.70.0 (`squawk -i RULE`).
OPT_IN = (
    "require-timeout-settings",
    "require-table-schema",
    "ban-alter-generated-expression",
    "ban-drop-index",
    "ban-set-default",
    "ban-disable-trigger",
    "ban-replica-identity",
    "ban-drop-policy",
    "ban-revoke",
    "ban-replace-view-function",
    "ban-alter-policy-condition",
    "ban-alter-policy-roles",
    "ban-create-policy",
    "ban-alter-function-options",
    "ban-alter-view-options",
    "ban-alter-role-options",
    "ban-alter-database-options",
    "ban-alter-row-level-security",
    "ban-new-write-restriction",
    "ban-add-enum-value",
    "ban-add-composite-attribute",
    "ban-add-column",
    "ban-detach-inheritance",
    "ban-alter-sequence-values",
    "ban-alter-system-options",
    "ban-alter-extension",
)
SQUAWK_RULES = (*ON_BY_DEFAULT, *OPT_IN)
# Two more rules the squawk 2.70.0 binary reports, on by default, that its list of the 74
# rule names (the one `-i`/`-e` take) leaves out.
UNLISTED_ON_BY_DEFAULT = ("ban-drop-default", "ban-duplicate-column-assignments")
EVERY_RULE = (*SQUAWK_RULES, *UNLISTED_ON_BY_DEFAULT)

# Squawk options that put its verdict on the same footing as the example's (the server the
# example is judged for).
SQUAWK_ARGS: dict[str, tuple[str, ...]] = {"prefer-repack": ("--pg-version=19",)}
NO_TRANSACTION = "-- dbops:no-transaction"

# Where dbops and Squawk 2.70 disagree on an example, and why (each is an xfail that must
# fail: when Squawk comes round, the entry goes).
KNOWN_DISAGREEMENTS: dict[str, str] = {
    "ban-drop-table": (
        "dbops replays the schema and knows a table created earlier in the same file is "
        "empty and unseen (its good example); Squawk has no schema and flags every DROP TABLE"
    ),
    "ban-concurrent-index-creation-in-transaction": (
        "with --assume-in-transaction Squawk only flags CREATE INDEX CONCURRENTLY after an "
        "explicit BEGIN; dbops wraps the file in a transaction, where it fails all the same"
    ),
    "require-timeout-settings": (
        "Squawk 2.70 keeps the name but reports through require-lock-timeout and "
        "require-statement-timeout: the rule itself never fires (opt-in in both)"
    ),
}


def test_the_catalog_is_squawk_s_74_rules() -> None:
    assert len(SQUAWK_RULES) == len(set(SQUAWK_RULES)) == 74
    assert len(ON_BY_DEFAULT) == 48 and len(OPT_IN) == 26


@pytest.mark.parametrize("name", EVERY_RULE)
def test_every_squawk_rule_exists_under_its_name(name: str) -> None:
    rule = lookup_rule(name)
    assert rule is not None and rule.name == name
    assert rule.applies_to("postgres")


@pytest.mark.parametrize("name", EVERY_RULE)
def test_default_level_matches_squawk(name: str) -> None:
    rule = lookup_rule(name)
    assert rule is not None
    assert (rule.default_level is not None) == (name not in OPT_IN)


def test_dbops_rules_lists_them_all_with_squawk_s_defaults(run_cli: Any) -> None:
    result = run_cli("rules", "--json")
    assert result.exit_code == 0
    listed = {rule["name"]: rule for rule in json.loads(result.stdout)}
    for name in EVERY_RULE:
        assert (listed[name]["default_level"] != "off") == (name not in OPT_IN), name


def test_the_old_name_of_prefer_timestamp_tz_redirects() -> None:
    assert REDIRECTS["prefer-timestamptz"] == "prefer-timestamp-tz"
    assert lookup_rule("prefer-timestamptz") is lookup_rule("prefer-timestamp-tz")


def _squawk() -> str | None:
    candidate = Path("/tmp/sq/bin/squawk")
    if candidate.exists() and os.access(candidate, os.X_OK):
        return str(candidate)
    return shutil.which("squawk")


SQUAWK = _squawk()


def squawk_fires(rule: type[Rule], sql: str, tmp_path: Path) -> bool:
    """Whether Squawk reports `rule` on `sql`, run as dbops runs the file: in a transaction
    unless it is marked `-- dbops:no-transaction`."""
    assert SQUAWK is not None
    path = tmp_path / "migration.sql"
    path.write_text(sql + "\n")
    args = [SQUAWK, "--reporter", "json", "-i", rule.name, *SQUAWK_ARGS.get(rule.name, ())]
    if NO_TRANSACTION not in sql:
        args.append("--assume-in-transaction")
    result = subprocess.run([*args, str(path)], capture_output=True, text=True, check=False)
    findings = json.loads(result.stdout or "[]")
    return any(finding["rule_name"] == rule.name for finding in findings)


@pytest.mark.skipif(SQUAWK is None, reason="no squawk binary (pip install squawk-cli)")
@pytest.mark.parametrize(
    "name",
    [
        pytest.param(
            name,
            marks=pytest.mark.xfail(reason=KNOWN_DISAGREEMENTS[name], strict=True),
        )
        if name in KNOWN_DISAGREEMENTS
        else name
        for name in EVERY_RULE
    ],
)
def test_squawk_agrees_with_the_examples(name: str, tmp_path: Path) -> None:
    rule = lookup_rule(name)
    assert rule is not None
    assert squawk_fires(rule, rule.bad_example, tmp_path), f"squawk is silent on {name}'s bad"
    assert not squawk_fires(rule, rule.good_example, tmp_path), f"squawk flags {name}'s good"
