"""`dbops import-history --from TOOL`: the other tool applied the first migrations and kept its
own history table; dbops imports it, then rolls out only the rest, on each engine."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from dbops.rollout.foreign_history import flyway_checksum
from tests.adoption import tools
from tests.adoption.conftest import engine_of, execute
from tests.layouts.samples import sample, write

# tool -> (layout, files of the migration the tool has not applied yet)
LAYOUT = {
    "flyway": ("flyway", ["V2__add_display_name.sql", "U2__add_display_name.sql"]),
    "golang-migrate": (
        "golang-migrate",
        ["000003_add_display_name.up.sql", "000003_add_display_name.down.sql"],
    ),
    "dbmate": ("dbmate", ["20240103120000_add_display_name.sql"]),
    "diesel": (
        "diesel",
        [
            "2024-01-03-120000_add_display_name/up.sql",
            "2024-01-03-120000_add_display_name/down.sql",
        ],
    ),
    "liquibase": ("liquibase-sql", ["002-names.sql"]),
}


def configure(root: Path, url: str, environments: dict[str, Any] | None = None) -> None:
    config = {
        "migrations": "db",
        "dialect": engine_of(url),
        "review": {"fail_on": "never"},
        "environments": environments or {"test": {"targets": [{"name": "t1", "url": url}]}},
    }
    (root / "dbops.yaml").write_text(yaml.safe_dump(config, sort_keys=False))


def applied_by_the_other_tool(run_cli: Any, root: Path, url: str, tool: str) -> dict[str, str]:
    """The schema as the other tool left it: its migrations but the last ran (here by dbops in
    a scratch project whose history is then dropped: only the schema stays)."""
    layout, later = LAYOUT[tool]
    files = sample(layout)
    scratch = root / "scratch"
    scratch.mkdir()
    earlier = {name: text for name, text in files.items() if name not in later}
    write(scratch / "db", earlier)
    configure(scratch, url if not url.startswith("sqlite") else "sqlite:///../target.db")
    assert run_cli("rollout", "--env", "test", cwd=scratch).exit_code == 0
    execute(url, root, ["DROP TABLE dbops_schema_history"])
    return files


def history_rows(tool: str, engine: str, files: dict[str, str]) -> list[str]:
    if tool == "flyway":
        rows = [
            (1, "'1'", "create users", "SQL", "V1__create_users.sql"),
            (2, "'1.1'", "create orders", "SQL", "V1_1__create_orders.sql"),
            (3, "NULL", "user emails view", "SQL", "R__user_emails_view.sql"),
        ]
        true = "1" if engine != "postgres" else "true"
        return [tools.FLYWAY[engine]] + [
            tools.FLYWAY_INSERT.format(
                rank=rank,
                version=version,
                description=description,
                kind=kind,
                script=script,
                checksum=flyway_checksum(files[script]),
                success=true,
            )
            for rank, version, description, kind, script in rows
        ]
    if tool == "golang-migrate":
        false = "0" if engine != "postgres" else "false"
        return [tools.GOLANG_MIGRATE[engine], f"INSERT INTO schema_migrations VALUES (2, {false})"]
    if tool == "dbmate":
        versions = ("20240101120000", "20240102120000", "20240102130000")
        return [tools.DBMATE[engine]] + [
            f"INSERT INTO schema_migrations (version) VALUES ('{v}')" for v in versions
        ]
    if tool == "diesel":
        return [tools.DIESEL[engine]] + [
            f"INSERT INTO __diesel_schema_migrations (version, run_on) VALUES ('{v}', "
            f"'2024-01-0{n} 12:00:00')"
            for n, v in ((1, "20240101120000"), (2, "20240102120000"))
        ]
    return [tools.LIQUIBASE[engine]] + [
        tools.LIQUIBASE_INSERT.format(id=changeset, author="alice", order=order, kind="EXECUTED")
        for order, changeset in ((1, "1"), (2, "2"))
    ]


def target_json(run_cli: Any, root: Path, command: str) -> dict[str, Any]:
    result = run_cli(command, "--env", "test", "--format", "json", cwd=root)
    assert result.exit_code == 0, result.stdout + result.stderr
    (target,) = json.loads(result.stdout)["targets"]
    return dict(target)


@pytest.mark.parametrize("tool", sorted(LAYOUT))
def test_import_then_rollout_applies_only_the_rest(
    run_cli: Any, tmp_path: Path, engine_url: str, tool: str
) -> None:
    files = applied_by_the_other_tool(run_cli, tmp_path, engine_url, tool)
    execute(engine_url, tmp_path, history_rows(tool, engine_of(engine_url), files))
    write(tmp_path / "db", files)
    configure(tmp_path, engine_url)
    assert target_json(run_cli, tmp_path, "plan")["applied"] == 0

    imported = run_cli("import-history", "--from", tool, "--env", "test", cwd=tmp_path)
    assert imported.exit_code == 0, imported.stdout + imported.stderr
    plan = target_json(run_cli, tmp_path, "plan")
    assert plan["drift"] == [] and plan["errors"] == []
    later = LAYOUT[tool][1][0]
    assert [Path(item["file"]).name for item in plan["pending"]] == [Path(later).name]

    rollout = run_cli("rollout", "--env", "test", cwd=tmp_path)  # re-running 1 would fail
    assert rollout.exit_code == 0, rollout.stdout + rollout.stderr
    status = target_json(run_cli, tmp_path, "status")
    assert status["pending"] == []
    imported_rows = [row for row in status["history"] if row["release"] == f"import {tool}"]
    assert imported_rows and all(row["status"] == "applied" for row in imported_rows)
    if tool in ("flyway", "liquibase"):  # who applied it, as the tool recorded it
        assert {row["applied_by"] for row in imported_rows} <= {"flyway-ci", "alice"}
