"""Edge cases of the Bytebase-compatible rules, beyond their documented examples."""

from __future__ import annotations

from dbops.rules.column_comment import ColumnComment
from dbops.rules.column_no_null import ColumnNoNull
from dbops.rules.index_total_number_limit import IndexTotalNumberLimit
from dbops.rules.naming_index_idx import NamingIndexIdx
from dbops.rules.naming_table import NamingTable
from dbops.rules.statement_where_disallow_functions_and_calculations import (
    StatementWhereDisallowFunctionsAndCalculations as WhereFunctions,
)
from dbops.rules.table_comment import TableComment
from dbops.rules.table_require_pk import TableRequirePk
from tests.rules.helpers import lines_of

INDEXED = (
    "CREATE TABLE t (id int PRIMARY KEY, name text, note text);\nCREATE INDEX t_name ON t (name);"
)


def test_primary_key_added_later_in_the_file_counts() -> None:
    sql = "CREATE TABLE t (id int);\nALTER TABLE t ADD PRIMARY KEY (id);"
    assert lines_of(TableRequirePk, sql) == []
    assert lines_of(TableRequirePk, "ALTER TABLE t DROP CONSTRAINT t_pkey;", INDEXED) == [1]


def test_dropping_not_null_is_a_nullable_column() -> None:
    assert lines_of(ColumnNoNull, "ALTER TABLE t ALTER COLUMN name DROP NOT NULL;", INDEXED) == [1]


def test_functions_on_unindexed_or_unknown_columns_are_fine() -> None:
    assert lines_of(WhereFunctions, "SELECT 1 FROM t WHERE upper(name) = 'A';", INDEXED) == [1]
    assert lines_of(WhereFunctions, "SELECT 1 FROM t WHERE upper(note) = 'A';", INDEXED) == []
    assert lines_of(WhereFunctions, "SELECT 1 FROM x WHERE upper(name) = 'A';", INDEXED) == []


def test_cte_shadows_a_table_of_the_same_name() -> None:
    sql = "WITH t AS (SELECT 'a' AS name) SELECT * FROM t WHERE upper(name) = 'A';"
    assert lines_of(WhereFunctions, sql, INDEXED) == []


def test_comments_are_judged_on_the_files_final_state() -> None:
    sql = "CREATE TABLE c (a int);\nCOMMENT ON TABLE c IS 'x';\nCOMMENT ON TABLE c IS NULL;"
    assert lines_of(TableComment, sql) == [1]
    long = "CREATE TABLE c (a int);\nCOMMENT ON COLUMN c.a IS 'a very long comment';"
    assert lines_of(ColumnComment, long, options={"maxLength": 5}) == [2]


def test_index_total_is_reported_once_at_the_last_index() -> None:
    sql = "\n".join(f"CREATE INDEX i{n} ON t (note);" for n in range(5))
    assert lines_of(IndexTotalNumberLimit, sql, INDEXED) == [5]


def test_naming_templates_expand_table_and_columns() -> None:
    assert lines_of(NamingIndexIdx, "CREATE INDEX idx_t_note ON t (note);", INDEXED) == []
    assert lines_of(NamingIndexIdx, "CREATE INDEX t_note ON t (note);", INDEXED) == [1]
    assert lines_of(NamingIndexIdx, "ALTER INDEX t_name RENAME TO idx_t_name;", INDEXED) == []


def test_unquoted_table_names_are_folded_before_matching() -> None:
    assert lines_of(NamingTable, "CREATE TABLE UserAccounts (id int);") == []
    assert lines_of(NamingTable, 'CREATE TABLE "UserAccounts" (id int);') == [1]
