"""Regression tests for bugs found by bashing on `dbops check` and friends as a user would."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import write_migrations

NULLABLE = "CREATE TABLE t (id int PRIMARY KEY, name text);\n"


@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "markdown"])
def test_output_into_a_missing_folder_is_created(
    run_cli, project: Path, output_format: str
) -> None:
    write_migrations(project, {"1_t.sql": NULLABLE})
    result = run_cli("check", "-f", output_format, "-o", "out/sub/report", cwd=project)
    assert result.exit_code == 1, result.stderr
    assert "column-no-null" in (project / "out" / "sub" / "report").read_text()


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_output_to_a_directory_is_a_usage_error(run_cli, project: Path, output_format: str) -> None:
    write_migrations(project, {"1_t.sql": NULLABLE})
    (project / "reports").mkdir()
    result = run_cli("check", "-f", output_format, "-o", "reports", cwd=project)
    assert result.exit_code == 2
    assert "--output reports" in result.stderr and "internal error" not in result.stderr
