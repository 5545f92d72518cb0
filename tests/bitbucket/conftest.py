"""Fixtures for the Bitbucket tests: the official OpenAPI document and a fake served from it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dbops.adapters.http_retry import RetryPolicy
from tests.fakes.bitbucket import FakeBitbucket, started
from tests.fakes.openapi import OpenApiContract

WORKSPACE = "acme"
REPO = "app"
PR_ID = 7
COMMIT = "0123456789abcdef0123456789abcdef01234567"


@pytest.fixture(scope="session")
def bitbucket_contract(contracts: Path) -> OpenApiContract:
    return OpenApiContract(contracts / "bitbucket" / "bitbucket-cloud-swagger.v3.json")


@pytest.fixture
def fake(bitbucket_contract: OpenApiContract) -> Iterator[FakeBitbucket]:
    """A running fake Bitbucket with PR #7 on COMMIT; fails the test on any contract violation."""
    for server in started(bitbucket_contract):
        server.add_pull_request(PR_ID, commits=(COMMIT,))
        yield server
        assert server.violations == [], "requests outside the Bitbucket OpenAPI contract"


class Sleeps(list[float]):
    """Records the waits a retry policy asks for instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def policy(sleeps: Sleeps) -> RetryPolicy:
    """Four attempts, tiny backoff, waits recorded not slept, a short read timeout."""
    return RetryPolicy(attempts=4, initial_delay=0.01, max_delay=0.02, timeout=1.0, sleep=sleeps)
