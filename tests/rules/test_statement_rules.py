"""The statement, system and SQLite rules on the typed statement model: findings point at the
element at fault and quote the SQL as written."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import dbops.rules
from dbops.adapters.policy_files import load_policy
from dbops.core.migrations import MigrationSet, read_migration
from dbops.core.review import review
from dbops.rules.base import Rule
from dbops.rules.sqlite_strict_tables import SqliteStrictTables
from dbops.rules.sqlite_type_affinity import SqliteTypeAffinity
from dbops.rules.statement_create_specify_schema import StatementCreateSpecifySchema
from dbops.rules.statement_disallow_commit import StatementDisallowCommit
from dbops.rules.statement_disallow_on_del_cascade import StatementDisallowOnDelCascade
from dbops.rules.statement_disallow_truncate import StatementDisallowTruncate
from dbops.rules.statement_insert_must_specify_column import StatementInsertMustSpecifyColumn
from dbops.rules.statement_max_execution_time import StatementMaxExecutionTime
from dbops.rules.statement_maximum_statements_in_transaction import (
    StatementMaximumStatementsInTransaction,
)
from dbops.rules.statement_merge_alter_table import StatementMergeAlterTable
from dbops.rules.statement_where_disallow_functions_and_calculations import (
    StatementWhereDisallowFunctionsAndCalculations,
)
from dbops.rules.statement_where_no_equal_null import StatementWhereNoEqualNull
from dbops.rules.system_charset_allowlist import SystemCharsetAllowlist
from dbops.rules.system_collation_allowlist import SystemCollationAllowlist
from dbops.rules.system_function_disallowed_list import SystemFunctionDisallowedList
from tests.rules.helpers import findings_of, lines_of

TABLE = "CREATE TABLE t (id int PRIMARY KEY, c text);"
PORTED = (
    *(
        f"statement_{name}"
        for name in (
            "check_set_role_variable",
            "create_specify_schema",
            "disallow_commit",
            "disallow_limit",
            "disallow_on_del_cascade",
            "disallow_order_by",
            "disallow_rm_tbl_cascade",
            "disallow_truncate",
            "insert_disallow_order_by_rand",
            "insert_must_specify_column",
            "insert_row_limit",
            "max_execution_time",
            "maximum_statements_in_transaction",
            "merge_alter_table",
            "require_algorithm_option",
            "require_lock_option",
            "select_no_select_all",
            "where_disallow_functions_and_calculations",
            "where_maximum_logical_operator_count",
            "where_no_equal_null",
            "where_no_leading_wildcard_like",
            "where_require_select",
            "where_require_update_delete",
        )
    ),
    *(
        f"system_{name}"
        for name in (
            "charset_allowlist",
            "collation_allowlist",
            "comment_length",
            "event_disallow_create",
            "function_disallow_create",
            "function_disallowed_list",
            "procedure_disallow_create",
            "view_disallow_create",
        )
    ),
    "sqlite_alter_table_unsupported",
    "sqlite_strict_tables",
    "sqlite_type_affinity",
)
FACTS = ("facts.queries", "facts.sqlite", "facts.settings", "facts.pointing")
PARSER_MODULES = (
    "sqlglot",
    "pglast",
    "dbops.core.sql",
    "dbops.rules.tokens",
    "dbops.rules.shapes",
    "dbops.rules.mysql_shapes",
    "dbops.rules.sqlite_shapes",
)


@pytest.mark.parametrize("module", [*PORTED, *FACTS])
def test_ported_statement_rules_import_no_parser(module: str) -> None:
    path = Path(dbops.rules.__file__).parent / (module.replace(".", "/") + ".py")
    imported: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            imported.add(node.module or "")
    banned = [m for m in imported for p in PARSER_MODULES if m == p or m.startswith(p + ".")]
    assert banned == []


@pytest.mark.parametrize("module", PORTED)
def test_ported_statement_rules_read_the_model(module: str) -> None:
    loaded = importlib.import_module(f"dbops.rules.{module}")
    rules = [
        value
        for value in vars(loaded).values()
        if isinstance(value, type)
        and issubclass(value, Rule)
        and value.__module__ == loaded.__name__
    ]
    assert len(rules) == 1 and rules[0].reads_model and rules[0].statement_kinds


def test_collation_allowlist_reads_type_changes_without_crashing() -> None:
    rule = SystemCollationAllowlist
    assert lines_of(rule, "ALTER TABLE t ALTER COLUMN c TYPE varchar(20);", TABLE) == []
    changed = 'ALTER TABLE t\n  ALTER COLUMN c TYPE text COLLATE "C";'
    (finding,) = findings_of(rule, changed, TABLE)
    assert (finding.line, finding.column) == (2, 3)
    assert '"C"' in finding.message and '"c"' in finding.message


@pytest.mark.parametrize("policy_name", ["bytebase-dev", "bytebase-prod"])
def test_shipped_bytebase_policies_review_a_type_change(policy_name: str, tmp_path: Path) -> None:
    policy = load_policy(policy_name, tmp_path, "postgres")
    files = [
        read_migration("1_t.sql", "1_t.sql", TABLE.encode()),
        read_migration("2_c.sql", "2_c.sql", b"ALTER TABLE t ALTER COLUMN c TYPE varchar(20);"),
    ]
    result = review(MigrationSet.of(files), policy, "postgres")
    assert [f for f in result.findings if f.rule == "internal-error"] == []
    assert any(f.rule == "changing-column-type" for f in result.findings)


def test_collations_and_charsets_of_mysql_tables_and_columns() -> None:
    sql = (
        "CREATE TABLE t (\n  id int PRIMARY KEY,\n  name varchar(20) CHARACTER SET latin1 "
        "COLLATE latin1_bin\n) DEFAULT CHARSET=utf8mb4;"
    )
    assert lines_of(SystemCharsetAllowlist, sql, dialect="mysql") == [3]
    assert lines_of(SystemCollationAllowlist, sql, dialect="mysql") == [3]
    convert = "ALTER TABLE t CONVERT TO CHARACTER SET latin1;"
    history = "CREATE TABLE t (id int);"
    assert lines_of(SystemCharsetAllowlist, convert, history, dialect="mysql") == [1]


def test_truncate_names_each_table_where_it_is_written() -> None:
    findings = findings_of(StatementDisallowTruncate, "TRUNCATE TABLE\n  a,\n  Public.B;")
    assert [(f.line, f.column) for f in findings] == [(2, 3), (3, 3)]
    assert "Public.B" in findings[1].message


def test_on_delete_cascade_names_each_foreign_key() -> None:
    sql = (
        "CREATE TABLE orders (\n  id bigint PRIMARY KEY,\n"
        "  user_id bigint REFERENCES users ON DELETE CASCADE,\n"
        "  team_id bigint,\n  FOREIGN KEY (team_id) REFERENCES teams ON DELETE CASCADE\n);"
    )
    findings = findings_of(StatementDisallowOnDelCascade, sql)
    assert [f.line for f in findings] == [1, 1]  # at the statement, as Bytebase reports it
    assert "(user_id) REFERENCES users" in findings[0].message
    assert "(team_id) REFERENCES teams" in findings[1].message


def test_commit_and_its_postgres_spelling_end() -> None:
    assert lines_of(StatementDisallowCommit, "BEGIN;\nSELECT 1;\nEND;") == [3]
    assert lines_of(StatementDisallowCommit, "BEGIN;\nSAVEPOINT a;\nROLLBACK TO a;") == []


def test_a_savepoint_rollback_keeps_the_transaction_open() -> None:
    rule = StatementMaximumStatementsInTransaction
    updates = [f"UPDATE a SET x = 1 WHERE id = {n};" for n in range(3)]
    sql = "\n".join([updates[0], "SAVEPOINT s;", "ROLLBACK TO SAVEPOINT s;", *updates[1:]])
    assert lines_of(rule, sql, options={"number": 2}) == [5]


def test_equal_null_quotes_the_comparison_as_written() -> None:
    (finding,) = findings_of(
        StatementWhereNoEqualNull, "UPDATE t SET c = 'x'\nWHERE  id = 1 AND c  !=  NULL;"
    )
    assert "`c  !=  NULL`" in finding.message
    assert (finding.line, finding.column) == (2, 19)


def test_disallowed_functions_are_named_as_written() -> None:
    rule = SystemFunctionDisallowedList
    (finding,) = findings_of(rule, "SELECT Random() FROM t;", options={"list": ["random"]})
    assert "Random()" in finding.message and finding.column == 8


def test_functions_on_indexed_columns_point_at_the_call() -> None:
    rule = StatementWhereDisallowFunctionsAndCalculations
    history = TABLE + "\nCREATE INDEX t_c ON t (c);"
    (finding,) = findings_of(rule, "SELECT id FROM t\nWHERE id = 1 OR lower(c) = 'x';", history)
    assert (finding.line, finding.column) == (2, 17)
    assert "function lower is" in finding.message and '"c"' in finding.message


def test_merge_alter_table_counts_the_table_under_its_schema() -> None:
    rule = StatementMergeAlterTable
    sql = "ALTER TABLE t ADD COLUMN a int;\nALTER TABLE public.t ADD COLUMN b int;"
    assert lines_of(rule, sql, TABLE) == [2]
    other = "ALTER TABLE t ADD COLUMN a int;\nALTER TABLE other.t ADD COLUMN b int;"
    assert lines_of(rule, other, TABLE) == []


def test_type_affinity_quotes_the_type_as_written() -> None:
    sql = "CREATE TABLE p (\n  id integer PRIMARY KEY,\n  price Decimal(10, 2)\n);"
    (finding,) = findings_of(SqliteTypeAffinity, sql)
    assert "Decimal(10, 2)" in finding.message and (finding.line, finding.column) == (3, 3)


def test_time_limit_set_among_other_variables() -> None:
    rule = StatementMaxExecutionTime
    update = "UPDATE t SET c = 'a' WHERE id = 1;"
    listed = f"SET NAMES utf8mb4, @@session.max_execution_time = 1000;\n{update}"
    assert lines_of(rule, listed, TABLE, dialect="mysql") == []
    assert lines_of(rule, f"SET NAMES utf8mb4;\n{update}", TABLE, dialect="mysql") == [2]


def test_disallowed_functions_in_mysql_values_rows() -> None:
    sql = "INSERT INTO t (id, c) VALUES\n  (1, 'a'),\n  (2, UUID());"
    assert lines_of(SystemFunctionDisallowedList, sql, TABLE, dialect="mysql") == [3]


def test_virtual_tables_are_left_to_their_module() -> None:
    sql = "CREATE VIRTUAL TABLE notes_fts USING fts5(title, body);"
    assert lines_of(SqliteStrictTables, sql, dialect="sqlite") == []
    assert lines_of(SqliteTypeAffinity, sql, dialect="sqlite") == []


def test_actions_that_stand_alone_are_not_counted() -> None:
    rule = StatementMergeAlterTable
    sql = (
        "ALTER TABLE t ADD COLUMN u int;\n"
        "ALTER TABLE t ADD CONSTRAINT t_u_fk FOREIGN KEY (u) REFERENCES t (id) NOT VALID;\n"
        "ALTER TABLE t VALIDATE CONSTRAINT t_u_fk;"
    )
    findings = findings_of(rule, sql, TABLE)
    assert [f.line for f in findings] == [2] and "2 statements" in findings[0].message
    partitions = (
        "ALTER TABLE t ATTACH PARTITION t_2026 FOR VALUES FROM (1) TO (2);\n"
        "ALTER TABLE t RENAME COLUMN c TO d;\nALTER TABLE t ADD COLUMN e int;"
    )
    assert lines_of(rule, partitions, TABLE) == []
    mysql = "ALTER TABLE t RENAME COLUMN c TO d;\nALTER TABLE t ADD COLUMN e int;"
    assert lines_of(rule, mysql, TABLE, dialect="mysql") == [2]  # MySQL combines renames


def test_equal_null_with_null_first_is_quoted_whole_on_mysql() -> None:
    (finding,) = findings_of(
        StatementWhereNoEqualNull, "SELECT 1 FROM t WHERE NULL <> a;", dialect="mysql"
    )
    assert "`NULL <> a`" in finding.message


def test_inserting_no_values_needs_no_column_list() -> None:
    rule = StatementInsertMustSpecifyColumn
    assert lines_of(rule, "INSERT INTO t DEFAULT VALUES;", TABLE) == []
    assert lines_of(rule, "INSERT INTO t () VALUES ();", TABLE, dialect="mysql") == []
    assert lines_of(rule, "INSERT INTO t VALUES (1, 'a');", TABLE, dialect="mysql") == [1]
    assert lines_of(rule, "INSERT INTO t SELECT id, c FROM t;", TABLE) == [1]


def test_schema_is_asked_of_lasting_tables_only() -> None:
    rule = StatementCreateSpecifySchema
    assert lines_of(rule, "CREATE TEMP TABLE scratch (a int);") == []
    assert lines_of(rule, "CREATE MATERIALIZED VIEW mv AS SELECT 1;") == []
    (finding,) = findings_of(rule, "SELECT 1 AS a\nINTO Reports;")
    assert (finding.line, "Reports" in finding.message) == (2, True)
