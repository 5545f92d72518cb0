"""Rules whose advice interlocks: what one recommends, the others of its family must accept
(tests/rules/test_rule_coherence.py runs every member's good example through every shipped
policy and expects no error from the family)."""

from __future__ import annotations

from dbops.rules.registry import RULES

# Making a column NOT NULL, and the safe multi-migration way to get there on a live table.
NOT_NULL = frozenset(
    {
        "column-no-null",
        "adding-not-nullable-field",
        "adding-required-field",
        "column-set-default-for-not-null",
        "column-require-default",
        "constraint-missing-not-valid",
    }
)
# Locks on live tables: CONCURRENTLY, NOT VALID, timeouts, transactions.
LOCK_SAFETY = frozenset(rule.name for rule in RULES if rule.category == "lock-safety")

FAMILIES: dict[str, frozenset[str]] = {"not-null": NOT_NULL, "lock-safety": LOCK_SAFETY}


def families_of(rule_name: str) -> list[frozenset[str]]:
    return [members for members in FAMILIES.values() if rule_name in members]
