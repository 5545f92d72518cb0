"""plan, status, rollout and rollback --dry-run, and the `requires` gate only look: they create
no SQLite file (nor its folder) and no history table."""

from __future__ import annotations

import json
from pathlib import Path

from tests.rollout.conftest import make_project, query

FILES = {"001_create_items.sql": "CREATE TABLE items (id INTEGER PRIMARY KEY);\n"}
HISTORY_EXISTS = {
    "postgres": "SELECT COUNT(*) FROM pg_tables WHERE tablename = 'dbops_schema_history'",
    "mysql": "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() "
    "AND table_name = 'dbops_schema_history'",
}


def test_looking_creates_nothing(run_cli, tmp_path: Path, engine_url: str) -> None:
    url = "sqlite:///no/such/folder/t.db" if engine_url.startswith("sqlite") else engine_url
    environments = {
        "test": {"targets": [{"name": "t1", "url": url}]},
        "prod": {"requires": ["test"], "targets": [{"name": "p1", "url": "sqlite:///p.db"}]},
    }
    root = make_project(tmp_path, environments, FILES)

    plan = run_cli("plan", "--env", "test", "--format", "json", cwd=root)
    status = run_cli("status", "--env", "test", "--format", "json", cwd=root)
    dry = run_cli("rollout", "--env", "test", "--dry-run", cwd=root)
    gated = run_cli("rollout", "--env", "prod", "--format", "json", cwd=root)
    dry_rollback = run_cli("rollback", "--env", "test", "--to", "0", "--dry-run", cwd=root)

    assert plan.exit_code == 0, plan.stdout
    assert [p["version"] for p in json.loads(plan.stdout)["targets"][0]["pending"]] == ["001"]
    assert status.exit_code == 0, status.stdout
    assert json.loads(status.stdout)["targets"][0]["history"] == []
    assert dry.exit_code == 0, dry.stderr
    assert "CREATE TABLE items" in dry.stdout
    assert gated.exit_code == 3
    assert "t1 lacks 001" in json.loads(gated.stdout)["gates"][0]["detail"]
    assert dry_rollback.exit_code == 0, dry_rollback.stdout + dry_rollback.stderr
    if url.startswith("sqlite"):
        assert not (root / "no").exists()
    else:
        engine = "postgres" if url.startswith("postgres") else "mysql"
        assert query(url, root, HISTORY_EXISTS[engine]) == [(0,)]
