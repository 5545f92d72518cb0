"""dbops against Bytebase's own SQL-review test cases (scripts/conformance.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "conformance", REPO / "scripts" / "conformance.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["conformance"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def report(conformance: Path) -> Any:
    return _script().run(conformance)


def test_agreement_with_bytebase_pg_cases(report: Any) -> None:
    disagreements = [
        (result.bytebase_type, case.statement[:80], case.expected, case.found)
        for result in report.implemented
        for case in result.cases
        if not case.agreed
    ]
    assert report.agreement >= 0.95, disagreements
    assert len(report.implemented_pg_types) >= 45, report.implemented_pg_types


def test_report_renders_a_table(report: Any) -> None:
    lines = list(_script().render(report, details=True))
    assert any(line.startswith("overall (implemented rules)") for line in lines)
    assert any("COLUMN_NO_NULL" in line and "column-no-null" in line for line in lines)
