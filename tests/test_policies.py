"""Shipped policies, and Bytebase configs accepted as they are (every payload form)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dbops.adapters.policy_files import builtin_policy_names, load_policy
from dbops.core.findings import Level
from dbops.errors import ConfigError

SHIPPED = ["default", "strict", "bytebase-sample", "bytebase-dev", "bytebase-prod"]


def _options(policy_name: str, rule: str, tmp_path: Path, dialect: str = "postgres") -> object:
    policy = load_policy(policy_name, tmp_path, dialect)
    (active,) = [active for active in policy.rules if active.rule.name == rule]
    return active


def test_every_policy_is_shipped() -> None:
    assert set(SHIPPED) <= set(builtin_policy_names())


@pytest.mark.parametrize("name", SHIPPED)
@pytest.mark.parametrize("dialect", ["postgres", "mysql", "sqlite"])
def test_shipped_policy_loads(name: str, dialect: str, tmp_path: Path) -> None:
    policy = load_policy(name, tmp_path, dialect)
    names = {active.rule.name for active in policy.rules}
    assert "syntax-error" in names  # dbops' meta rules run under every policy


def test_default_policy_is_every_rule_at_its_default_level(tmp_path: Path) -> None:
    from dbops.rules.registry import RULES

    policy = load_policy("default", tmp_path, "postgres")
    assert {a.rule.name: a.level for a in policy.rules} == {
        rule.name: rule.default_level for rule in RULES if rule.default_level is not None
    }


def test_strict_raises_lock_safety_to_error(tmp_path: Path) -> None:
    policy = load_policy("strict", tmp_path, "postgres")
    assert policy.level_of("adding-not-nullable-field") == Level.ERROR
    assert policy.level_of("prefer-bigint-over-int") == Level.WARNING


def test_bytebase_prod_template_keeps_its_payloads(tmp_path: Path) -> None:
    policy = load_policy("bytebase-prod", tmp_path, "postgres")
    assert policy.level_of("table-require-pk") == Level.ERROR
    (drop,) = [a for a in policy.rules if a.rule.name == "table-drop-naming-convention"]
    assert drop.rule.options.model_dump()["format"] == "_del$"
    assert policy.level_of("engine-mysql-use-innodb") is None  # a MySQL-only entry


def _bytebase_file(tmp_path: Path, entry: str) -> str:
    path = tmp_path / "bb.yaml"
    path.write_text("ruleList:\n" + entry)
    return str(path)


@pytest.mark.parametrize(
    ("entry", "rule", "field", "value"),
    [
        (
            "  - type: COLUMN_TYPE_DISALLOW_LIST\n    level: ERROR\n    engine: POSTGRES\n"
            "    stringArrayPayload: {list: [JSON]}\n",
            "column-type-disallow-list",
            "values",
            ["JSON"],
        ),
        (
            "  - type: INDEX_KEY_NUMBER_LIMIT\n    level: WARNING\n"
            "    numberPayload: {number: 3}\n",
            "index-key-number-limit",
            "max_columns",
            3,
        ),
        (
            "  - type: NAMING_TABLE\n    level: WARNING\n"
            "    namingPayload: {format: '^t_', maxLength: 10}\n",
            "naming-table",
            "max_length",
            10,
        ),
        (
            "  - type: TABLE_COMMENT\n    level: WARNING\n"
            "    commentConventionPayload: {required: false, maxLength: 7}\n",
            "table-comment",
            "required",
            False,
        ),
        (
            "  - type: naming.column\n    level: WARNING\n"
            '    payload: \'{"format": "^c_", "maxLength": 12}\'\n',
            "naming-column",
            "format",
            "^c_",
        ),
        (
            "  - type: COLUMN_REQUIRED\n    level: WARNING\n    payload: {list: [id, tenant_id]}\n",
            "column-required",
            "columns",
            ["id", "tenant_id"],
        ),
    ],
)
def test_bytebase_payload_forms(
    entry: str, rule: str, field: str, value: object, tmp_path: Path
) -> None:
    policy = load_policy(_bytebase_file(tmp_path, entry), tmp_path, "postgres")
    (active,) = [a for a in policy.rules if a.rule.name == rule]
    assert active.rule.options.model_dump()[field] == value


def test_bytebase_entries_for_other_engines_are_ignored(tmp_path: Path) -> None:
    entry = "  - type: TABLE_REQUIRE_PK\n    level: ERROR\n    engine: MYSQL\n"
    policy = load_policy(_bytebase_file(tmp_path, entry), tmp_path, "postgres")
    assert policy.level_of("table-require-pk") is None


def test_invalid_option_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text("rules:\n  naming-table: {level: error, maxLength: many}\n")
    with pytest.raises(ConfigError, match=r"p\.yaml:2.*naming-table"):
        load_policy("p.yaml", tmp_path, "postgres")


def test_dbops_policy_accepts_snake_case_and_bytebase_option_names(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(
        "rules:\n  naming-table: {level: error, max_length: 20}\n"
        "  NAMING_COLUMN: {level: warning, maxLength: 30}\n"
    )
    policy = load_policy("p.yaml", tmp_path, "postgres")
    options = {a.rule.name: a.rule.options.model_dump() for a in policy.rules}
    assert options["naming-table"]["max_length"] == 20
    assert options["naming-column"]["max_length"] == 30


def test_renamed_rule_still_answers_to_its_old_name(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text("rules:\n  database-drop-empty-database: warning\n")
    policy = load_policy("p.yaml", tmp_path, "postgres")
    assert policy.level_of("ban-drop-database") == Level.WARNING
