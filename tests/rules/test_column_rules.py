"""The column rules on the typed statement model, and the crash ALTER COLUMN … TYPE caused."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path
from typing import Any

import pytest

import dbops.rules
from dbops.adapters.policy_files import load_policy
from dbops.errors import ConfigError
from dbops.rules.base import Rule
from dbops.rules.column_comment import ColumnComment
from dbops.rules.column_current_time_count_limit import ColumnCurrentTimeCountLimit
from dbops.rules.column_disallow_drop_in_index import ColumnDisallowDropInIndex
from dbops.rules.column_maximum_character_length import ColumnMaximumCharacterLength
from dbops.rules.column_maximum_varchar_length import ColumnMaximumVarcharLength
from dbops.rules.column_no_null import ColumnNoNull
from dbops.rules.column_require_default import ColumnRequireDefault
from dbops.rules.column_required import ColumnRequired
from dbops.rules.column_set_default_for_not_null import ColumnSetDefaultForNotNull
from dbops.rules.column_type_disallow_list import ColumnTypeDisallowList
from dbops.rules.naming_column import NamingColumn
from dbops.rules.system_collation_allowlist import SystemCollationAllowlist
from tests.conftest import write_migrations
from tests.rules.helpers import findings_of, lines_of

TABLE = "CREATE TABLE t (id bigint PRIMARY KEY, a text);"


def test_collation_allowlist_survives_a_type_change_without_collate() -> None:
    retype = "ALTER TABLE t ALTER COLUMN a TYPE varchar(20);"
    assert lines_of(SystemCollationAllowlist, retype, TABLE) == []
    collated = 'ALTER TABLE t ALTER COLUMN a TYPE varchar(20) COLLATE "C";'
    assert lines_of(SystemCollationAllowlist, collated, TABLE) == [1]


# -- where findings point and what they quote ---------------------------------------------------


def test_a_finding_points_at_the_column_definition() -> None:
    sql = "CREATE TABLE t (\n  id bigint PRIMARY KEY,\n    note text\n);"
    (finding,) = findings_of(ColumnNoNull, sql)
    assert (finding.line, finding.column) == (3, 5)
    assert 'column "note" of table t can be NULL' in finding.message


def test_messages_quote_the_type_as_written() -> None:
    (finding,) = findings_of(ColumnTypeDisallowList, "CREATE TABLE t (id int, b JSON);")
    assert finding.message == 'column "b" has disallowed type JSON'
    sql = "CREATE TABLE t (id int, body VARCHAR(10000));"
    (finding,) = findings_of(ColumnMaximumVarcharLength, sql)
    assert finding.message == 'column "body" is VARCHAR(10000), longer than 2560'
    assert finding.column == 25


# -- PostgreSQL ---------------------------------------------------------------------------------


def test_a_column_set_not_null_in_the_same_alter_is_not_null() -> None:
    sql = "ALTER TABLE t ADD COLUMN b int, ALTER COLUMN b SET NOT NULL;"
    assert lines_of(ColumnNoNull, sql, TABLE) == []


def test_serial_columns_are_not_null() -> None:
    assert lines_of(ColumnNoNull, "CREATE TABLE t (id serial, n bigserial NOT NULL);") == []


def test_type_rules_see_array_types_and_type_changes() -> None:
    assert lines_of(ColumnMaximumCharacterLength, "CREATE TABLE t (a char(100)[]);") == [1]
    retype = "ALTER TABLE t ALTER COLUMN a TYPE varchar(10000);"
    assert lines_of(ColumnMaximumVarcharLength, retype, TABLE) == [1]
    (finding,) = findings_of(ColumnTypeDisallowList, "ALTER TABLE t ALTER a TYPE json;", TABLE)
    assert finding.message == 'column "a" becomes disallowed type json'


def test_type_lists_name_types_by_any_spelling_the_engine_accepts() -> None:
    sql = "CREATE TABLE t (a integer, b int4, c bigint, d timestamp with time zone, e serial);"
    ints = {"list": ["INT"]}
    # a serial column is an integer column in PostgreSQL's catalog
    assert lines_of(ColumnTypeDisallowList, sql, options=ints) == [1, 1, 1]
    zoned = {"list": ["timestamptz"]}
    assert lines_of(ColumnTypeDisallowList, sql, options=zoned) == [1]
    serials = [
        f.message for f in findings_of(ColumnTypeDisallowList, sql, options={"list": ["serial"]})
    ]
    assert serials == ['column "e" has disallowed type serial']


def test_naming_judges_the_name_postgresql_stores() -> None:
    assert lines_of(NamingColumn, "CREATE TABLE t (id int, creatorId int);") == []
    assert lines_of(NamingColumn, 'CREATE TABLE t (id int, "creatorId" int);') == [1]


def test_postgresql_primary_keys_need_a_generated_default() -> None:
    sql = "CREATE TABLE t (\n  a int NOT NULL,\n  b text,\n  PRIMARY KEY (a)\n);"
    assert lines_of(ColumnRequireDefault, sql) == [2, 3]
    generated = "CREATE TABLE t (a bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, b serial);"
    assert lines_of(ColumnRequireDefault, generated) == []
    mysql_key = "CREATE TABLE t (a int NOT NULL, b int DEFAULT 0, PRIMARY KEY (a));"
    assert lines_of(ColumnRequireDefault, mysql_key, dialect="mysql") == []


def test_a_column_comment_removed_later_in_the_file_is_missing() -> None:
    sql = "CREATE TABLE c (a int);\nCOMMENT ON COLUMN c.a IS 'x';\nCOMMENT ON COLUMN c.a IS NULL;"
    assert lines_of(ColumnComment, sql) == [1]
    qualified = "CREATE TABLE c (a int);\nCOMMENT ON COLUMN public.c.a IS 'x';"
    assert lines_of(ColumnComment, qualified) == []


def test_only_a_comment_after_the_column_counts_and_only_in_its_own_file() -> None:
    history = "CREATE TABLE c (id int);\nCOMMENT ON COLUMN c.id IS 'key';"
    readded = "ALTER TABLE c ADD COLUMN a int;\nCOMMENT ON COLUMN c.a IS 'x';"
    assert lines_of(ColumnComment, readded, history) == []
    before = "COMMENT ON COLUMN c.id IS 'key';\nALTER TABLE c DROP COLUMN id, ADD COLUMN id int;"
    assert lines_of(ColumnComment, before, history) == [2]
    assert lines_of(ColumnComment, "ALTER TABLE c ADD COLUMN b int;", history) == [1]


def test_generated_columns_need_no_default() -> None:
    sql = "CREATE TABLE t (a int DEFAULT 0, b int GENERATED ALWAYS AS (a * 2) STORED);"
    assert lines_of(ColumnRequireDefault, sql) == []


# -- MySQL --------------------------------------------------------------------------------------

USERS = "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(50) NOT NULL, email text);"


def mysql(rule: type[Rule], sql: str, history: str = USERS, **options: Any) -> list[int]:
    return lines_of(rule, sql, history, dialect="mysql", options=options or None)


def test_modify_without_not_null_makes_a_column_nullable() -> None:
    assert mysql(ColumnNoNull, "ALTER TABLE users MODIFY name varchar(80);") == [1]
    assert mysql(ColumnNoNull, "ALTER TABLE users MODIFY name varchar(80) NOT NULL;") == []
    assert mysql(ColumnNoNull, "ALTER TABLE users MODIFY id bigint AUTO_INCREMENT;") == []


def test_modify_to_a_long_char_is_reported() -> None:
    assert mysql(ColumnMaximumCharacterLength, "ALTER TABLE users MODIFY name char(200);") == [1]


def test_naming_judges_the_name_mysql_stores() -> None:
    assert mysql(NamingColumn, "CREATE TABLE t (id int, techBook int);", "") == [1]
    assert mysql(NamingColumn, "ALTER TABLE users CHANGE name fullName varchar(50);") == [1]
    assert mysql(NamingColumn, "ALTER TABLE users CHANGE name full_name varchar(50);") == []


def test_an_index_dropped_earlier_in_the_same_alter_does_not_count() -> None:
    history = USERS + "\nALTER TABLE users MODIFY email varchar(200);"
    history += "\nCREATE INDEX idx_email ON users (email);"
    sql = "ALTER TABLE users DROP COLUMN email;"
    assert mysql(ColumnDisallowDropInIndex, sql, history) == [1]
    both = "ALTER TABLE users DROP INDEX idx_email, DROP COLUMN email;"
    assert mysql(ColumnDisallowDropInIndex, both, history) == []


def test_a_prefix_index_made_by_create_index_covers_its_column() -> None:
    history = USERS + "\nCREATE INDEX idx_email ON users (email(20));"
    assert mysql(ColumnDisallowDropInIndex, "ALTER TABLE users DROP COLUMN email;", history) == [1]


def test_statements_only_the_normalizer_reads_are_reviewed() -> None:
    assert mysql(ColumnNoNull, "ALTER TABLE users ADD COLUMN (a int, b char(100));") == [1, 1]


def test_change_renaming_a_required_column_away_is_reported() -> None:
    sql = "ALTER TABLE users CHANGE name full_name varchar(50) NOT NULL;"
    assert mysql(ColumnRequired, sql, columns=["id", "name"]) == [1]
    same = "ALTER TABLE users CHANGE name name varchar(80) NOT NULL;"
    assert mysql(ColumnRequired, same, columns=["id", "name"]) == []
    readded = "ALTER TABLE users DROP COLUMN name, ADD COLUMN name varchar(80) NOT NULL;"
    assert mysql(ColumnRequired, readded, columns=["id", "name"]) == []


def test_an_inline_comment_longer_than_the_limit_is_reported() -> None:
    sql = "ALTER TABLE users ADD COLUMN age int COMMENT 'age of the user in whole years';"
    assert mysql(ColumnComment, sql, maxLength=10) == [1]
    assert mysql(ColumnComment, "ALTER TABLE users ADD COLUMN age int COMMENT 'years';") == []


def test_the_clock_column_past_the_limit_is_the_one_reported() -> None:
    sql = (
        "CREATE TABLE t (\n  a datetime DEFAULT NOW(),\n  b datetime DEFAULT CURRENT_TIMESTAMP,"
        "\n  c datetime DEFAULT NOW()\n);"
    )
    assert mysql(ColumnCurrentTimeCountLimit, sql, "") == [4]


def test_binary_not_null_columns_need_a_default() -> None:
    sql = "ALTER TABLE users ADD COLUMN token binary(16) NOT NULL;"
    assert mysql(ColumnSetDefaultForNotNull, sql) == [1]
    blob = "ALTER TABLE users ADD COLUMN body blob NOT NULL;"
    assert mysql(ColumnSetDefaultForNotNull, blob) == []


# -- the ported rules read only the model ------------------------------------------------------

PORTED = (
    "column_auto_increment_initial_value",
    "column_auto_increment_must_integer",
    "column_auto_increment_must_unsigned",
    "column_comment",
    "column_current_time_count_limit",
    "column_disallow_change",
    "column_disallow_changing_order",
    "column_disallow_drop_in_index",
    "column_disallow_set_charset",
    "column_maximum_character_length",
    "column_maximum_varchar_length",
    "column_no_null",
    "column_require_charset",
    "column_require_collation",
    "column_require_default",
    "column_required",
    "column_set_default_for_not_null",
    "column_type_disallow_list",
    "naming_column",
    "naming_column_auto_increment",
    "facts.columns",
)
PARSER_MODULES = (
    "sqlglot",
    "pglast",
    "dbops.core.sql",
    "dbops.rules.tokens",
    "dbops.rules.shapes",
    "dbops.rules.mysql_shapes",
    "dbops.rules.sqlite_shapes",
)


@pytest.mark.parametrize("module", PORTED)
def test_ported_column_rules_import_no_parser(module: str) -> None:
    path = Path(dbops.rules.__file__).parent / (module.replace(".", "/") + ".py")
    imported = {
        alias.name if isinstance(node, ast.Import) else node.module or ""
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in (node.names if isinstance(node, ast.Import) else [node])  # type: ignore[list-item]
    }
    assert not {
        name
        for name in imported
        for banned in PARSER_MODULES
        if name == banned or name.startswith(banned + ".")
    }


@pytest.mark.parametrize("module", [m for m in PORTED if not m.startswith("facts.")])
def test_ported_column_rules_read_the_model(module: str) -> None:
    loaded = importlib.import_module(f"dbops.rules.{module}")
    rules = [
        value
        for value in vars(loaded).values()
        if isinstance(value, type)
        and issubclass(value, Rule)
        and value is not Rule
        and value.__module__ == loaded.__name__
    ]
    assert rules and all(rule.reads_model and rule.statement_kinds for rule in rules)


# -- options are typed: a wrong type is a configuration error naming the policy line -------------


@pytest.mark.parametrize(
    ("rule", "option"),
    [
        ("column-auto-increment-initial-value", "number: first"),
        ("column-comment", "required: maybe"),
        ("column-comment", "maxLength: long"),
        ("column-maximum-character-length", "number: [20]"),
        ("column-maximum-varchar-length", "number: wide"),
        ("column-required", "list: id"),
        ("column-type-disallow-list", "list: {json: 1}"),
        ("naming-column", "format: '(['"),
        ("naming-column-auto-increment", "maxLength: short"),
    ],
)
def test_a_wrong_option_type_names_the_policy_line(rule: str, option: str, tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(
        f"rules:\n  table-require-pk: error\n  {rule}: {{level: warning, {option}}}\n"
    )
    with pytest.raises(ConfigError, match=rf"p\.yaml:3.*{rule}"):
        load_policy("p.yaml", tmp_path, "mysql")


def test_a_wrong_option_type_exits_2(run_cli: Any, project: Path) -> None:
    write_migrations(project, {"001_t.sql": "CREATE TABLE t (id int);\n"})
    (project / "p.yaml").write_text("rules:\n  column-required: {level: error, list: id}\n")
    result = run_cli("check", "--policy", "p.yaml", cwd=project)
    assert result.exit_code == 2
    assert "p.yaml:2" in result.stderr and "column-required" in result.stderr
    assert "Traceback" not in result.stderr
