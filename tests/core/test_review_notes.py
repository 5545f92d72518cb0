"""The review's notes name what they speak of."""

from __future__ import annotations

from dbops.core.migrations import MigrationSet, read_migration
from dbops.core.policy import activate
from dbops.core.review import review


def test_the_not_modelled_note_names_each_statement_by_place_and_first_words() -> None:
    sql = "CREATE TABLE t (id int);\nalter type mood add value 'x';\nLISTEN   channel;\n"
    migrations = MigrationSet.of([read_migration("m/1_t.sql", "1_t.sql", sql.encode())])
    (note,) = review(migrations, activate("none", {}), "postgres").notes
    assert note.startswith("2 statement(s) are not modelled by the SQL parser (")
    assert "(m/1_t.sql:2 alter type mood add; m/1_t.sql:3 LISTEN channel);" in note


def test_a_long_list_of_unmodelled_statements_is_named_then_counted() -> None:
    sql = "".join(f"LISTEN c{n};\n" for n in range(14))
    migrations = MigrationSet.of([read_migration("m/1_t.sql", "1_t.sql", sql.encode())])
    (note,) = review(migrations, activate("none", {}), "postgres").notes
    assert note.count("m/1_t.sql:") == 10 and "and 4 more" in note
