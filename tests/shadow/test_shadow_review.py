"""The shadow's pure parts: the lock model against a trace, what the history is, and the
names that let a run tell an abandoned shadow from a live one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from dbops.adapters.git import BaseBranch
from dbops.adapters.shadow.names import created_at, is_old, is_shadow_name, shadow_name
from dbops.commands.shadow_check import shadow_plan
from dbops.core.locks import LockImpact, LockMode, RelationLock
from dbops.core.migrations import MigrationSet, read_migration
from dbops.core.shadow import LockTrace, ShadowStatement
from dbops.core.shadow_review import lock_disagreement

ORDERS = "public.orders"
AE, SHARE = LockMode.ACCESS_EXCLUSIVE, LockMode.SHARE


def _traced(
    after: dict[str, LockMode],
    before: dict[str, LockMode] | None = None,
    rewrites: tuple[str, ...] = (),
) -> ShadowStatement:
    trace = LockTrace(
        tables=(ORDERS, "public.users"),
        held_before=tuple(RelationLock(r, m) for r, m in (before or {}).items()),
        held_after=tuple(RelationLock(r, m) for r, m in after.items()),
        rewrites=rewrites,
    )
    return ShadowStatement("m.sql", 3, 1.5, locks=trace)


def test_a_lock_the_model_does_not_predict_is_named_with_the_models() -> None:
    predicted = LockImpact(locks=(RelationLock(ORDERS, SHARE),))
    message = lock_disagreement(predicted, _traced({ORDERS: AE}, rewrites=(ORDERS,)))
    assert message == (
        "lock trace: the server took ACCESS EXCLUSIVE on public.orders, rewriting "
        "public.orders; the lock model predicts SHARE on public.orders, no rewrite"
    )


def test_agreement_is_silent() -> None:
    predicted = LockImpact(locks=(RelationLock(ORDERS, AE),), rewrites=(ORDERS,))
    assert lock_disagreement(predicted, _traced({ORDERS: AE}, rewrites=(ORDERS,))) is None


def test_a_lock_already_held_by_an_earlier_statement_is_no_disagreement() -> None:
    predicted = LockImpact(locks=(RelationLock(ORDERS, SHARE),))
    assert lock_disagreement(predicted, _traced({ORDERS: AE}, before={ORDERS: AE})) is None


def test_a_lock_the_model_predicts_but_the_server_does_not_take() -> None:
    predicted = LockImpact(locks=(RelationLock(ORDERS, AE),))
    message = lock_disagreement(predicted, _traced({}))
    assert message is not None
    assert "server took no new table lock, no rewrite" in message
    assert "predicts ACCESS EXCLUSIVE on public.orders" in message


def test_tables_the_statement_creates_are_not_compared() -> None:
    predicted = LockImpact(locks=(RelationLock("public.refunds", AE),))
    assert lock_disagreement(predicted, _traced({})) is None


def test_a_failed_or_untraced_statement_has_nothing_to_compare() -> None:
    predicted = LockImpact(locks=(RelationLock(ORDERS, AE),))
    assert lock_disagreement(predicted, ShadowStatement("m.sql", 1, 0.1, error="boom")) is None
    assert lock_disagreement(predicted, ShadowStatement("m.sql", 1, 0.1)) is None


def _migrations(*names: str) -> MigrationSet:
    return MigrationSet.of(
        read_migration(f"migrations/{name}", name, f"SELECT {i};".encode())
        for i, name in enumerate(names)
    )


def test_the_history_is_what_comes_before_the_last_reviewed_file() -> None:
    migrations = _migrations("001_a.sql", "002_b.sql", "003_c.sql", "004_d.sql")
    plan = shadow_plan(migrations, {"migrations/003_c.sql"}, None, "postgres")
    assert [m.name for m in plan.history] == ["001_a.sql", "002_b.sql"]
    assert [m.name for m in plan.reviewed] == ["003_c.sql"]


def test_with_a_base_branch_the_history_is_the_base_branchs_unchanged_files() -> None:
    migrations = _migrations("001_a.sql", "002_b.sql", "003_c.sql", "004_d.sql")
    by_path = {m.path: m for m in migrations}
    base = BaseBranch(
        "origin/main",
        {
            "migrations/001_a.sql": (
                by_path["migrations/001_a.sql"].version,
                by_path["migrations/001_a.sql"].checksum,
            ),
            "migrations/004_d.sql": (
                by_path["migrations/004_d.sql"].version,
                by_path["migrations/004_d.sql"].checksum,
            ),
            "migrations/002_b.sql": (by_path["migrations/002_b.sql"].version, "changed"),
        },
        None,
    )
    plan = shadow_plan(migrations, {"migrations/003_c.sql"}, base, "postgres")
    # 004 is merged (applied), 003 comes in out of order; 002 was edited: not what was applied.
    assert [m.name for m in plan.history] == ["001_a.sql", "004_d.sql"]
    assert [m.name for m in plan.reviewed] == ["003_c.sql"]


def test_shadow_names_carry_the_prefix_and_the_time() -> None:
    now = datetime(2026, 12, 4, 19, 30, 5, tzinfo=UTC)
    name = shadow_name(now)
    assert name.startswith("dbops_shadow_20261204193005_")
    assert created_at(name) == now
    assert not is_old(name, now + timedelta(minutes=59))
    assert is_old(name, now + timedelta(minutes=61))
    assert shadow_name(now) != name  # two runs in the same second get two shadows
    assert not is_shadow_name("dbops_shadow_app") and not is_shadow_name("orders")
