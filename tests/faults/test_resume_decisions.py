"""Where an interrupted MariaDB migration resumes, decided from what each statement does
(the typed statement model) and what the live schema holds (a probe standing in for it)."""

from __future__ import annotations

from dbops.core.sql import parse_sql
from dbops.parsing import typed_statements
from dbops.rollout.resume import Fact, decide_resume, effects, progress_of

SQL = (
    "CREATE TABLE a (id INT PRIMARY KEY);\n"
    "ALTER TABLE a ADD COLUMN b INT, ADD INDEX ib (b);\n"
    "UPDATE a SET b = 1;\n"
    "DROP TABLE old;\n"
)


def _decide(done: int, present: set[str], total: int = 4, sql: str = SQL):  # type: ignore[no-untyped-def]
    parsed = parse_sql(sql, "mysql")
    typed = typed_statements(parsed, "mysql")
    texts = [statement.text for statement in parsed.statements]

    def probe(fact: Fact) -> bool:
        key = f"{fact.kind}:{fact.table.name.value}.{fact.name}"
        return (key in present) == fact.present

    return decide_resume(typed, texts, done, total, probe, file="002_x.sql")


def test_a_statement_in_effect_is_skipped_and_one_not_in_effect_is_rerun() -> None:
    assert _decide(0, {"table:a."}).start == 1
    assert _decide(0, set()).start == 0
    assert _decide(1, {"table:a.", "column:a.b", "index:a.ib"}).start == 2
    assert _decide(1, {"table:a."}).start == 1


def test_half_an_alter_or_a_data_change_blocks_with_the_reason() -> None:
    partial = _decide(1, {"table:a.", "column:a.b"})
    assert partial.start is None and "only in part" in partial.reason and "ib" in partial.reason
    update = _decide(2, {"table:a.", "column:a.b", "index:a.ib"})
    assert update.start is None and "UPDATE a SET b = 1" in update.reason


def test_a_changed_file_and_a_database_switch_block() -> None:
    assert "changed" in _decide(1, set(), total=5).reason
    switched = _decide(
        1, set(), sql="CREATE TABLE a (id INT);\nUSE other;\nCREATE TABLE b (id INT);\n", total=3
    )
    assert switched.start is None and "USE" in switched.reason


def test_every_statement_done_only_finishes_the_row() -> None:
    assert _decide(4, set()).start == 4


def test_progress_notes_and_effects() -> None:
    assert progress_of("progress: 2 of 5 statement(s) done") == (2, 5)
    assert progress_of(None) is None and progress_of("ERROR 1062") is None
    (select,) = typed_statements(parse_sql("SELECT SLEEP(1);", "mysql"), "mysql")
    assert effects(select) == ()
