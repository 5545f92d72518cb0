"""The rules agree with each other: what a rule recommends passes the rules of its family in
every shipped policy, and the documented safe NOT NULL sequence passes every policy."""

from __future__ import annotations

from pathlib import Path

import pytest

from dbops.adapters.policy_files import load_policy
from dbops.core.findings import Level
from dbops.core.migrations import MigrationFile, MigrationSet, read_migration
from dbops.core.review import ReviewResult, review
from dbops.rules.base import Rule
from dbops.rules.families import FAMILIES, families_of
from dbops.rules.registry import RULES, lookup_rule
from tests.rules.helpers import dialect_for

REPO = Path(__file__).resolve().parents[2]
POLICIES = sorted(path.stem for path in (REPO / "rules").glob("*.yaml"))
IN_A_FAMILY = [rule for rule in RULES if families_of(rule.name)]

# The safe way to a NOT NULL column on a live PostgreSQL table, one migration per step (README).
NOT_NULL_SEQUENCE = {
    "1_users.sql": "CREATE TABLE public.users (id bigint PRIMARY KEY, email text NOT NULL);\n"
    "COMMENT ON TABLE public.users IS 'people';\n"
    "COMMENT ON COLUMN public.users.id IS 'key';\n"
    "COMMENT ON COLUMN public.users.email IS 'address';\n",
    "2_add_tenant.sql": "SET lock_timeout = '2s';\n"
    "ALTER TABLE public.users ADD COLUMN tenant_id bigint;\n"
    "COMMENT ON COLUMN public.users.tenant_id IS 'owner';\n",
    "3_backfill_tenant_dml.sql": "UPDATE public.users SET tenant_id = 0 WHERE tenant_id IS NULL;\n",
    "4_check_tenant.sql": "SET lock_timeout = '2s';\n"
    "ALTER TABLE public.users ADD CONSTRAINT users_tenant_id_not_null\n"
    "  CHECK (tenant_id IS NOT NULL) NOT VALID;\n",
    "5_validate_tenant.sql": "SET lock_timeout = '2s';\n"
    "ALTER TABLE public.users VALIDATE CONSTRAINT users_tenant_id_not_null;\n",
    "6_tenant_not_null.sql": "SET lock_timeout = '2s';\n"
    "ALTER TABLE public.users ALTER COLUMN tenant_id SET NOT NULL,\n"
    "  DROP CONSTRAINT users_tenant_id_not_null;\n",
}


def _review(files: dict[str, str], policy: str, dialect: str, reviewed: list[str]) -> ReviewResult:
    migrations: list[MigrationFile] = [
        read_migration(name, name, text.encode()) for name, text in files.items()
    ]
    active = load_policy(policy, REPO, dialect)
    return review(MigrationSet.of(migrations), active, dialect, reviewed)


def _errors(result: ReviewResult) -> list[tuple[str, int, str]]:
    return [(f.file, f.line, f.rule) for f in result.findings if f.level is Level.ERROR]


@pytest.mark.parametrize("policy", POLICIES)
def test_the_safe_not_null_sequence_passes_every_policy(policy: str) -> None:
    later = [name for name in NOT_NULL_SEQUENCE if name != "1_users.sql"]
    assert _errors(_review(NOT_NULL_SEQUENCE, policy, "postgres", later)) == []


def test_each_step_reviewed_alone_is_judged_on_its_own() -> None:
    """Without the later SET NOT NULL in the review, the nullable column is reported."""
    only_expand = {k: NOT_NULL_SEQUENCE[k] for k in ("1_users.sql", "2_add_tenant.sql")}
    errors = _errors(_review(only_expand, "default", "postgres", ["2_add_tenant.sql"]))
    assert ("2_add_tenant.sql", 2, "column-no-null") in errors
    # and SET NOT NULL without the validated check still scans under ACCESS EXCLUSIVE
    skipped = {k: v for k, v in NOT_NULL_SEQUENCE.items() if not k.startswith("5_")}
    errors = _errors(_review(skipped, "strict", "postgres", ["6_tenant_not_null.sql"]))
    assert ("6_tenant_not_null.sql", 2, "adding-not-nullable-field") in errors


@pytest.mark.parametrize("policy", POLICIES)
@pytest.mark.parametrize("rule", IN_A_FAMILY, ids=lambda rule: rule.name)
def test_a_rules_good_example_passes_its_family(rule: type[Rule], policy: str) -> None:
    files = {"2_change.sql": rule.good_example}
    if rule.example_history:
        files = {"1_history.sql": rule.example_history, **files}
    result = _review(files, policy, dialect_for(rule), ["2_change.sql"])
    family = set().union(*families_of(rule.name))
    assert [error for error in _errors(result) if error[2] in family] == []


def test_families_name_real_rules() -> None:
    for members in FAMILIES.values():
        assert members and all(lookup_rule(name) is not None for name in members)
