"""The fault and bad-input campaign: a sample runs in every test run, the whole with
`scripts/fault_campaign.sh` (or `pytest -m slow tests/faults`, or DBOPS_FAULT_CAMPAIGN=1)."""

from __future__ import annotations

import os

import pytest


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    whole = os.environ.get("DBOPS_FAULT_CAMPAIGN") or "slow" in (config.option.markexpr or "")
    if whole:
        return
    skip = pytest.mark.skip(reason="part of the whole fault campaign (scripts/fault_campaign.sh)")
    for item in items:
        if "faults" in item.nodeid and item.get_closest_marker("slow"):
            item.add_marker(skip)


from tests.rollout.conftest import engine_url, fresh_mysql, fresh_postgres  # noqa: E402, F401
