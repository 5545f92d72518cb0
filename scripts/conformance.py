"""Measure dbops against Bytebase's own SQL-review test suite (PostgreSQL).

Every case of `<conformance>/bytebase-pg/<rule>.yaml` is reviewed by dbops with only the rule
that answers to that Bytebase type enabled, configured as Bytebase's harness configures it
(`_rule_configs_used_by_tests.yaml`), after an earlier migration that creates the mock catalog
the cases assume (SUMMARY.md). A case agrees when the rule stays silent where Bytebase expects
no advice, or fires on the same set of lines where it expects advices (an expected line of 0 or
none means "somewhere in the statement").

    python scripts/conformance.py [CONFORMANCE_DIR] [--details]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from dbops.adapters.policy_files import bytebase_payload
from dbops.core.findings import Level
from dbops.core.migrations import MigrationSet, read_migration
from dbops.core.policy import RuleSetting, activate
from dbops.core.review import review
from dbops.rules.base import Rule
from dbops.rules.registry import lookup_rule

# The mock catalog of Bytebase's advisor tests (backend/plugin/advisor/pg), as a migration.
MOCK_CATALOG = """
CREATE SCHEMA bbdataarchive;
CREATE TABLE tech_book (
  id integer, name text, creator text,
  CONSTRAINT old_pk PRIMARY KEY (id, name),
  CONSTRAINT old_uk UNIQUE (id, name)
);
CREATE INDEX old_index ON tech_book (id, name);
CREATE TABLE orders (
  order_id integer, customer_name text, amount integer, note text, name text,
  CONSTRAINT orders_pkey PRIMARY KEY (order_id)
);
CREATE INDEX idx_orders_customer ON orders (customer_name);
CREATE INDEX idx_orders_amount ON orders (amount);
CREATE TABLE products (
  product_id integer, title text, price integer,
  CONSTRAINT products_pkey PRIMARY KEY (product_id)
);
CREATE INDEX idx_products_price ON products (price);
CREATE TABLE no_index_table (col_a integer, col_b integer);
CREATE TABLE insert_target (id integer, name text);
"""

UNUSED_FIXTURES = {"hello_world", "statement_disallow_mix_in_ddl", "statement_disallow_mix_in_dml"}


@dataclass
class CaseResult:
    statement: str
    expected: list[int | None]
    found: list[int]
    agreed: bool


@dataclass
class RuleResult:
    bytebase_type: str
    rule: str | None  # dbops rule name, None when dbops does not implement the type
    cases: list[CaseResult] = field(default_factory=list)

    @property
    def agreed(self) -> int:
        return sum(1 for case in self.cases if case.agreed)


@dataclass
class Report:
    rules: list[RuleResult]
    pg_types: list[str]  # every Bytebase type offered for PostgreSQL

    @property
    def implemented(self) -> list[RuleResult]:
        return [result for result in self.rules if result.rule is not None]

    @property
    def agreement(self) -> float:
        cases = [case for result in self.implemented for case in result.cases]
        return sum(case.agreed for case in cases) / len(cases) if cases else 0.0

    @property
    def implemented_pg_types(self) -> list[str]:
        return [name for name in self.pg_types if lookup_rule(name) is not None]


def run(folder: Path) -> Report:
    cases_dir = folder / "bytebase-pg"
    configs = {
        entry["type"]: entry
        for entry in yaml.safe_load((cases_dir / "_rule_configs_used_by_tests.yaml").read_text())
    }
    results = []
    for path in sorted(cases_dir.glob("*.yaml")):
        if path.name.startswith("_") or path.stem in UNUSED_FIXTURES:
            continue
        bytebase_type = path.stem.upper()
        rule = lookup_rule(bytebase_type)
        result = RuleResult(bytebase_type, rule.name if rule else None)
        if rule is not None:
            entry = configs.get(bytebase_type, {"type": bytebase_type})
            for case in yaml.safe_load(path.read_text()) or []:
                result.cases.append(_run_case(rule, entry, case))
        results.append(result)
    return Report(results, _pg_types(folder / "bytebase-rule-catalog.md"))


def _run_case(rule: type[Rule], entry: dict[str, Any], case: dict[str, Any]) -> CaseResult:
    setting = RuleSetting(Level.WARNING, bytebase_payload(entry, "conformance"), "conformance")
    policy = activate("conformance", {rule: setting})
    statement = str(case["statement"])
    migrations = MigrationSet.of(
        [
            read_migration("1_catalog.sql", "1_catalog.sql", MOCK_CATALOG.encode()),
            read_migration("2_case.sql", "2_case.sql", statement.encode()),
        ]
    )
    findings = review(migrations, policy, "postgres", selected=["2_case.sql"]).findings
    found = sorted({finding.line for finding in findings if finding.rule == rule.name})
    expected = [_expected_line(want) for want in case.get("want") or []]
    return CaseResult(statement, expected, found, _agrees(expected, found))


def _expected_line(want: dict[str, Any]) -> int | None:
    position = want.get("startposition") or {}
    line = position.get("line")
    return int(line) if line else None


def _agrees(expected: list[int | None], found: list[int]) -> bool:
    if not expected:
        return not found
    if not found:
        return False
    known = {line for line in expected if line is not None}
    return not known or known == set(found)


def _pg_types(catalog: Path) -> list[str]:
    text = catalog.read_text()
    section = text.split("## Rules offered for POSTGRES", 1)[1].split("##", 1)[0]
    return re.findall(r"`([A-Z_]+)`", section)


def render(report: Report, details: bool) -> Iterator[str]:
    yield f"{'Bytebase type':<52} {'dbops rule':<46} cases agreed      %"
    for result in report.rules:
        if result.rule is None:
            yield f"{result.bytebase_type:<52} {'(not implemented)':<46}"
            continue
        total = len(result.cases)
        percent = 100.0 * result.agreed / total if total else 100.0
        counts = f"{total:5} {result.agreed:6} {percent:6.1f}"
        yield f"{result.bytebase_type:<52} {result.rule:<46} {counts}"
    cases = sum(len(result.cases) for result in report.implemented)
    agreed = sum(result.agreed for result in report.implemented)
    yield ""
    percent = 100 * report.agreement
    yield f"overall (implemented rules): {agreed}/{cases} cases agree = {percent:.1f}%"
    yield (
        f"PostgreSQL types implemented: {len(report.implemented_pg_types)} of "
        f"{len(report.pg_types)}; missing: "
        + ", ".join(name for name in report.pg_types if name not in report.implemented_pg_types)
    )
    if details:
        yield ""
        yield "disagreements:"
        for result in report.implemented:
            for case in result.cases:
                if not case.agreed:
                    statement = " ".join(case.statement.split())[:150]
                    yield (
                        f"- {result.bytebase_type}: expected lines {case.expected}, dbops "
                        f"{case.found}: {statement}"
                    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default = os.environ.get(
        "DBOPS_CONFORMANCE", str(Path(__file__).parents[1].parent / "shared" / "conformance")
    )
    parser.add_argument("folder", nargs="?", default=default)
    parser.add_argument("--details", action="store_true", help="list every disagreement")
    args = parser.parse_args(argv)
    report = run(Path(args.folder))
    for line in render(report, args.details):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
