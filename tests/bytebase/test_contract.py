"""The contract check the fake applies is not vacuous: the examples pass, mistakes do not."""

from __future__ import annotations

import json
from pathlib import Path

from tests.fakes.bytebase import CONTRACT_FILE
from tests.fakes.contract import Contract


def _example(contracts: Path, name: str) -> dict[str, object]:
    data: dict[str, object] = json.loads(
        (contracts / "bytebase" / "examples" / name).read_text(encoding="utf-8")
    )
    return data


def test_the_hand_written_examples_pass(contracts: Path) -> None:
    contract = Contract(contracts / CONTRACT_FILE)
    plan = _example(contracts, "05_create_plan.json")
    operation = contract.operation("POST", "/v1/projects/hr/plans")
    assert operation is not None
    assert contract.request_problems(operation, {}, plan["request"]["plan"]) == []  # type: ignore[index]
    assert contract.response_problems(operation, 200, plan["response"]) == []
    rollout = _example(contracts, "06_create_rollout.json")
    operation = contract.operation("POST", "/v1/projects/hr/plans/101/rollout")
    assert operation is not None
    assert contract.response_problems(operation, 200, rollout["response"]) == []


def test_mistakes_are_caught(contracts: Path) -> None:
    contract = Contract(contracts / CONTRACT_FILE)
    operation = contract.operation("POST", "/v1/projects/hr/plans")
    assert operation is not None
    spec = {"id": "x", "changeDatabaseConfig": {"targets": []}, "bogus": 1}
    assert contract.request_problems(operation, {}, {"specs": [spec]})  # unknown field in a oneof
    assert contract.request_problems(operation, {}, {"creator": "users/me"})  # read-only
    assert contract.request_problems(operation, {"pageSize": ["1"]}, {})  # undeclared query
    release = contract.operation("POST", "/v1/projects/hr/releases")
    assert release is not None
    bad_bytes = {"files": [{"path": "a.sql", "statement": "not base64!"}]}
    assert contract.request_problems(release, {}, bad_bytes)
    assert contract.operation("POST", "/v1/projects/hr/plans/1:frobnicate") is None
