"""The lock model on the forms DBAs ask about, by server version, and where it shows: check's
JSON `statements`, `dbops explain`, the text report and SARIF."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dbops.core.locks import LockImpact, LockMode, lock_impact, target_version
from dbops.core.schema import SchemaModel
from dbops.core.sql import parse_sql
from dbops.parsing import typed_statements
from tests.conftest import write_migrations

HISTORY = """\
CREATE TABLE customers (id bigint PRIMARY KEY);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, status text,
  note varchar(100), total integer);
"""


def impact(sql: str, version: str = "15", history: str = HISTORY) -> LockImpact:
    schema = SchemaModel(dialect="postgres")
    for node in typed_statements(parse_sql(history, "postgres"), "postgres"):
        schema.apply(node, "history.sql")
    nodes = typed_statements(parse_sql(sql, "postgres"), "postgres")
    return lock_impact(nodes[-1], schema, target_version("postgres", version), nodes[:-1])


AE, SRE, SUE = (
    LockMode.ACCESS_EXCLUSIVE,
    LockMode.SHARE_ROW_EXCLUSIVE,
    LockMode.SHARE_UPDATE_EXCLUSIVE,
)


@pytest.mark.parametrize(
    ("sql", "mode", "rewrites", "scans"),
    [
        ("ALTER TABLE orders ADD COLUMN a int DEFAULT 0", AE, False, False),
        ("ALTER TABLE orders ADD COLUMN a uuid DEFAULT gen_random_uuid()", AE, True, False),
        ("ALTER TABLE orders ADD COLUMN a text[] DEFAULT array['x']::text[]", AE, False, False),
        (
            "ALTER TABLE orders ADD COLUMN a int GENERATED ALWAYS AS (total * 2) STORED",
            AE,
            True,
            False,
        ),
        ("ALTER TABLE orders ALTER COLUMN total TYPE bigint", AE, True, False),
        ("ALTER TABLE orders ALTER COLUMN note TYPE varchar(200)", AE, False, False),
        ("ALTER TABLE orders ALTER COLUMN status SET NOT NULL", AE, False, True),
        ("ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check", SUE, False, True),
        ("CREATE INDEX orders_total_idx ON orders (total)", LockMode.SHARE, False, True),
        ("CREATE INDEX CONCURRENTLY orders_total_idx ON orders (total)", SUE, False, True),
    ],
)
def test_forms_dbas_ask_about(sql: str, mode: LockMode, rewrites: bool, scans: bool) -> None:
    result = impact(sql)
    assert result.mode_on("public.orders") is mode
    assert bool(result.rewrites) is rewrites
    assert bool(result.scans) is scans


def test_a_foreign_key_locks_both_tables_and_not_valid_skips_the_scan() -> None:
    fk = "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (customer_id) REFERENCES customers (id)"
    checked = impact(fk)
    assert checked.mode_on("public.orders") is SRE
    assert checked.mode_on("public.customers") is SRE
    assert checked.scans == ("public.orders",)
    assert impact(fk + " NOT VALID").scans == ()


def test_a_valid_not_null_check_spares_set_not_null_its_scan() -> None:
    proven = (
        "ALTER TABLE orders ADD CONSTRAINT status_nn CHECK (status IS NOT NULL) NOT VALID;\n"
        "ALTER TABLE orders VALIDATE CONSTRAINT status_nn;\n"
        "ALTER TABLE orders ALTER COLUMN status SET NOT NULL;"
    )
    assert impact(proven).scans == ()
    unproven = proven.replace("ALTER TABLE orders VALIDATE CONSTRAINT status_nn;\n", "")
    assert impact(unproven).scans == ("public.orders",)


def test_detach_concurrently_needs_postgres_14() -> None:
    history = HISTORY + (
        "CREATE TABLE events (at date) PARTITION BY RANGE (at);\n"
        "CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') "
        "TO ('2025-01-01');\n"
    )
    sql = "ALTER TABLE events DETACH PARTITION events_2024 CONCURRENTLY"
    assert impact(sql, "14", history).mode_on("public.events") is SUE
    assert impact(sql, "13", history).mode_on("public.events") is AE


def test_modes_block_what_postgres_says() -> None:
    assert AE.blocks == ("reads", "writes", "ddl")
    assert LockMode.SHARE.blocks == ("writes", "ddl")
    assert LockMode.ROW_EXCLUSIVE.blocks == ()
    assert LockMode.from_label("ShareRowExclusiveLock") is SRE


def _project(project: Path, header: str = "") -> None:
    write_migrations(
        project,
        {
            "1_t.sql": HISTORY,
            "2_a.sql": header + "ALTER TABLE orders ADD COLUMN a uuid DEFAULT gen_random_uuid();\n"
            "UPDATE orders SET note = 'x';\n",
        },
    )


def test_check_json_lists_every_statement_with_its_locks(run_cli, project: Path) -> None:
    _project(project)
    report = json.loads(run_cli("check", "--format", "json", cwd=project).stdout)
    by_line = {(s["file"], s["line"]): s for s in report["statements"]}
    alter = by_line[("migrations/2_a.sql", 1)]
    assert alter["kind"] == "alter-table"
    assert alter["locks"] == [
        {
            "object": "public.orders",
            "mode": "ACCESS EXCLUSIVE",
            "blocks": ["reads", "writes", "ddl"],
        }
    ]
    assert alter["rewrites"] == ["public.orders"]
    update = by_line[("migrations/2_a.sql", 2)]
    assert update["locks"][0]["mode"] == "ROW EXCLUSIVE"
    created = by_line[("migrations/1_t.sql", 1)]
    assert created["locks"] == []  # a table created in the same file blocks no one


def test_explain_prints_the_timeline(run_cli, project: Path) -> None:
    _project(project)
    text = run_cli("explain", "migrations/2_a.sql", cwd=project).stdout
    assert "held until COMMIT" in text
    assert "ACCESS EXCLUSIVE on public.orders from line 1 to the end of the file" in text
    assert "update at line 2" in text
    data = json.loads(run_cli("explain", "--format", "json", cwd=project).stdout)
    (held,) = next(f for f in data["files"] if f["file"] == "migrations/2_a.sql")["held"]
    assert (held["mode"], held["from_line"], held["until_line"]) == ("ACCESS EXCLUSIVE", 1, None)


def test_without_a_transaction_each_lock_ends_with_its_statement(run_cli, project: Path) -> None:
    _project(project, "-- dbops:no-transaction\n")
    text = run_cli("explain", "migrations/2_a.sql", cwd=project).stdout
    assert "each lock ends with its statement" in text
    assert "to line 3" in text  # the UPDATE at line 3 is the last statement touching it


def test_text_report_and_sarif_carry_the_locks(run_cli, project: Path) -> None:
    _project(project)
    text = run_cli("check", cwd=project).stdout
    assert "locks ACCESS EXCLUSIVE on public.orders from line 1 to the end of the file" in text
    sarif = json.loads(run_cli("check", "--format", "sarif", cwd=project).stdout)
    results = sarif["runs"][0]["results"]
    on_alter = [
        r
        for r in results
        if r["locations"][0]["physicalLocation"]["region"]["startLine"] == 1
        and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("2_a.sql")
    ]
    assert on_alter and on_alter[0]["properties"]["locks"][0]["mode"] == "ACCESS EXCLUSIVE"
