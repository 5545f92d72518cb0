"""Layout tests use the rollout tests' databases."""

from __future__ import annotations

from tests.rollout.conftest import engine_url, fresh_mysql, fresh_postgres  # noqa: F401
