"""The review spread over processes gives the serial review's result, finding for finding."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from dbops.adapters.migration_files import load_migrations
from dbops.adapters.policy_files import load_policy
from dbops.core.findings import Level
from dbops.core.migrations import MigrationSet
from dbops.core.policy import ActivePolicy, ActiveRule
from dbops.core.review import ReviewBatch, ReviewResult, review
from dbops.core.review_pool import part_weights
from dbops.rules.base import Rule, StatementContext, Violation

GENERATOR = Path(__file__).resolve().parents[1] / "benchmarks" / "gen_corpus.py"
EXTRA_FILES = {
    # a statement sqlglot cannot parse, next to ones it can
    "202401010020.5_broken.sql": "CREATE TABLE ok_1 (id bigint PRIMARY KEY);\nCREATE TABLE (;\n",
    # an ignore that suppresses a finding and one that suppresses nothing
    "202401010040.5_ignored.sql": (
        "-- dbops:ignore ban-drop-column\nALTER TABLE ok_1 DROP COLUMN id;\n"
        "-- dbops:ignore table-require-pk\nSELECT 1;\n"
    ),
}


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_corpus", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    _generator().write_corpus(root, files=60, seed=7)
    for name, sql in EXTRA_FILES.items():
        (root / "migrations" / name).write_text(sql, encoding="utf-8")
    return root


def _migrations(corpus: Path) -> MigrationSet:
    return load_migrations(corpus / "migrations", corpus)


def _review(
    corpus: Path, policy: str, jobs: int, selected: list[str] | None = None
) -> ReviewResult:
    return review(
        _migrations(corpus),
        load_policy(policy, corpus, "postgres", ()),
        "postgres",
        selected,
        jobs=jobs,
        parallel_min_bytes=0,
    )


@pytest.mark.parametrize("policy", ["default", "strict"])
@pytest.mark.parametrize("jobs", [2, 3])
def test_parallel_review_equals_serial_review(corpus: Path, policy: str, jobs: int) -> None:
    serial = _review(corpus, policy, jobs=1)
    assert serial.findings, "the corpus must produce findings, or the comparison proves nothing"
    assert {"syntax-error", "unused-ignore"} <= {finding.rule for finding in serial.findings}
    assert _review(corpus, policy, jobs=jobs) == serial


def test_parallel_review_of_selected_files_equals_serial_review(corpus: Path) -> None:
    paths = [migration.path for migration in _migrations(corpus)]
    selected = [paths[5], paths[33], paths[47]]
    serial = _review(corpus, "default", jobs=1, selected=selected)
    assert [file.path for file in serial.files] == selected
    assert _review(corpus, "default", jobs=2, selected=selected) == serial


def test_small_reviews_stay_in_this_process(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_processes(*_: object) -> None:
        raise AssertionError("a review under the size threshold must not start processes")

    monkeypatch.setattr("dbops.core.review_pool.review_in_processes", no_processes)
    migrations = _migrations(corpus)
    policy = load_policy("default", corpus, "postgres", ())
    assert review(migrations, policy, "postgres", jobs=2).files  # under 50 KB of SQL


def test_parts_cover_every_file_once_in_order(corpus: Path) -> None:
    migrations = tuple(_migrations(corpus))
    batch = ReviewBatch(migrations, None, (), "postgres")
    for processes in (2, 3, 4):
        parts = batch.split(part_weights(processes))
        assert len(parts) == processes
        assert [m for part in parts for m in part.migrations] == list(migrations)
        assert [m for part in parts for m in part.reviewed] == list(migrations)
    selected = frozenset({migrations[3].path, migrations[40].path})
    parts = ReviewBatch(migrations, selected, (), "postgres").split(part_weights(2))
    assert [m.path for part in parts for m in part.reviewed] == sorted(selected)


class _FailsOnLastFile(Rule):
    name = "fails-on-last-file"
    bad_example = good_example = "SELECT 1;"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        if context.file.name.startswith("202401010059_"):  # the last file: in a worker
            raise ValueError("rule bug")
        yield from ()


def test_a_rule_that_raises_in_a_worker_is_an_internal_error_finding(corpus: Path) -> None:
    policy = ActivePolicy("test", (ActiveRule(_FailsOnLastFile(), Level.ERROR),))
    parallel = review(_migrations(corpus), policy, "postgres", jobs=2, parallel_min_bytes=0)
    serial = review(_migrations(corpus), policy, "postgres", jobs=1)
    assert parallel.findings == serial.findings
    assert parallel.internal_errors  # one per statement of the last file
    for finding in parallel.internal_errors:
        assert finding.file.endswith(".sql") and "202401010059_" in finding.file
        assert "rule 'fails-on-last-file' failed" in finding.message
        assert "rule bug" in finding.message
    assert parallel.exit_code("never") == 2
