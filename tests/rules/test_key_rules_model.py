"""The index, table and naming rules on the typed statement model: findings at the element at
fault, names as the engine stores them, messages quoting the SQL as written, and the forms the
old token and tree reading missed."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path
from typing import Any

import pytest

from dbops.core.findings import Finding
from dbops.rules.base import Rule
from dbops.rules.engine_mysql_use_innodb import EngineMysqlUseInnodb
from dbops.rules.index_no_duplicate_column import IndexNoDuplicateColumn
from dbops.rules.index_primary_key_type_allowlist import IndexPrimaryKeyTypeAllowlist
from dbops.rules.index_total_number_limit import IndexTotalNumberLimit
from dbops.rules.index_type_allow_list import IndexTypeAllowList
from dbops.rules.naming_fully_qualified import NamingFullyQualified
from dbops.rules.naming_index_idx import NamingIndexIdx
from dbops.rules.naming_index_pk import NamingIndexPk
from dbops.rules.naming_index_uk import NamingIndexUk
from dbops.rules.naming_table import NamingTable
from dbops.rules.table_comment import TableComment
from dbops.rules.table_disallow_ddl import TableDisallowDdl
from dbops.rules.table_no_foreign_key import TableNoForeignKey
from dbops.rules.table_require_charset import TableRequireCharset
from dbops.rules.table_require_pk import TableRequirePk
from tests.rules.helpers import findings_of, lines_of

PORTED = (
    "index_key_number_limit",
    "index_no_duplicate_column",
    "index_pk_type_limit",
    "index_primary_key_type_allowlist",
    "index_total_number_limit",
    "index_type_allow_list",
    "index_type_no_blob",
    "naming_fully_qualified",
    "naming_index_fk",
    "naming_index_idx",
    "naming_index_pk",
    "naming_index_uk",
    "naming_table",
    "table_comment",
    "table_disallow_ddl",
    "table_disallow_dml",
    "table_disallow_partition",
    "table_disallow_set_charset",
    "table_disallow_trigger",
    "table_drop_naming_convention",
    "table_no_duplicate_index",
    "table_no_foreign_key",
    "table_require_charset",
    "table_require_collation",
    "table_require_pk",
    "table_text_fields_total_length",
    "engine_mysql_use_innodb",
)
PARSER_HELPERS = (
    "sqlglot",
    "pglast",
    "dbops.core.sql",
    "dbops.rules.tokens",
    "dbops.rules.shapes",
    "dbops.rules.mysql_shapes",
    "dbops.rules.sqlite_shapes",
    "dbops.rules.naming",
    "dbops.rules.types",
    "dbops.rules.comments",
)


def at(findings: list[Finding]) -> list[tuple[int, int]]:
    return [(finding.line, finding.column) for finding in findings]


def mysql(rule: type[Rule], sql: str, history: str = "", **kwargs: Any) -> list[Finding]:
    return findings_of(rule, sql, history, dialect="mysql", **kwargs)


@pytest.mark.parametrize("module", PORTED)
def test_ported_rules_read_only_the_model(module: str) -> None:
    imported = importlib.import_module(f"dbops.rules.{module}")
    path = Path(str(imported.__file__))
    names = {
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert not {n for n in names if n and n.startswith(PARSER_HELPERS)}, module
    rules = [v for v in vars(imported).values() if isinstance(v, type) and issubclass(v, Rule)]
    assert [rule.reads_model for rule in rules if rule is not Rule] == [True]


def test_a_duplicated_column_is_reported_where_it_is_repeated() -> None:
    sql = "CREATE TABLE t (\n  a int,\n  b int,\n  PRIMARY KEY (a, b, a)\n);"
    assert at(findings_of(IndexNoDuplicateColumn, sql)) == [(4, 22)]


def test_a_primary_key_type_is_reported_at_the_column_definition() -> None:
    sql = "CREATE TABLE t (\n  id int,\n  code varchar(20),\n  PRIMARY KEY (code)\n);"
    findings = findings_of(IndexPrimaryKeyTypeAllowlist, sql)
    assert at(findings) == [(3, 3)]
    assert "varchar(20)" in findings[0].message  # as written, not `character varying(20)`
    serial = "CREATE TABLE t (id serial PRIMARY KEY, n bigserial UNIQUE);"
    assert lines_of(IndexPrimaryKeyTypeAllowlist, serial, options={"list": ["serial"]}) == []
    assert lines_of(IndexPrimaryKeyTypeAllowlist, serial, options={"list": ["bigint"]}) == [1]


def test_the_index_total_is_reported_at_the_last_key_of_a_create_table() -> None:
    keys = ",\n".join(f"  CONSTRAINT u{n} UNIQUE (a, b)" for n in range(5))
    sql = f"CREATE TABLE t (\n  a int PRIMARY KEY,\n  b int,\n{keys}\n);"
    assert at(findings_of(IndexTotalNumberLimit, sql)) == [(8, 3)]


def test_a_primary_key_attached_using_an_index_is_named_after_that_indexs_columns() -> None:
    history = "CREATE TABLE t (id int, name text);\nCREATE UNIQUE INDEX t_id_name ON t (id, name);"
    sql = "ALTER TABLE t ADD CONSTRAINT pk_t PRIMARY KEY USING INDEX t_id_name;"
    assert lines_of(NamingIndexPk, sql, history) == [1]
    good = "ALTER TABLE t ADD CONSTRAINT pk_t_id_name PRIMARY KEY USING INDEX t_id_name;"
    assert lines_of(NamingIndexPk, good, history) == []


def test_renamed_keys_are_judged_by_their_new_name() -> None:
    history = "CREATE TABLE t (id int PRIMARY KEY, a int, CONSTRAINT uk_t_a UNIQUE (a));"
    renamed = "ALTER TABLE t RENAME CONSTRAINT uk_t_a TO t_a_unique;"
    assert lines_of(NamingIndexUk, renamed, history) == [1]
    users = (
        "CREATE TABLE users (id int PRIMARY KEY, email varchar(50), KEY idx_users_email (email));"
    )
    rename = "ALTER TABLE users RENAME INDEX idx_users_email TO users_by_email;"
    assert [f.line for f in mysql(NamingIndexIdx, rename, users)] == [1]


def test_mysql_names_are_judged_as_written() -> None:
    assert [f.line for f in mysql(NamingTable, "CREATE TABLE techBook (id int PRIMARY KEY);")] == [
        1
    ]
    assert lines_of(NamingTable, "CREATE TABLE techBook (id int PRIMARY KEY);") == []  # techbook
    rename = "RENAME TABLE tech_book TO techBook;"
    history = "CREATE TABLE tech_book (id int PRIMARY KEY);"
    assert [f.line for f in mysql(NamingTable, rename, history)] == [1]


def test_a_trigger_names_its_table_where_it_is_written() -> None:
    sql = (
        "CREATE TRIGGER touch\nAFTER INSERT ON pokes\nFOR EACH ROW\n"
        "EXECUTE PROCEDURE public.touch();"
    )
    findings = findings_of(NamingFullyQualified, sql)
    assert at(findings) == [(2, 17)]
    assert '"pokes"' in findings[0].message
    assert lines_of(NamingFullyQualified, "DROP TRIGGER touch ON public.pokes;") == []
    cte = "WITH recent AS (SELECT * FROM public.pokes) SELECT * FROM recent;"
    assert lines_of(NamingFullyQualified, cte) == []


def test_every_table_renamed_by_one_statement_is_frozen() -> None:
    frozen = {"list": ["ledger"]}
    sql = "RENAME TABLE notes TO old_notes, ledger TO old_ledger;"
    assert [f.line for f in mysql(TableDisallowDdl, sql, options=frozen)] == [1]


def test_messages_quote_names_as_written() -> None:
    history = "CREATE TABLE users (id bigint PRIMARY KEY);"
    sql = "CREATE TABLE Orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));"
    (finding,) = findings_of(TableNoForeignKey, sql, history)
    assert finding.message == "foreign key on table Orders is not allowed"
    assert finding.column == sql.index("REFERENCES") + 1


def test_losing_the_primary_key_is_reported_at_the_action_that_drops_it() -> None:
    history = "CREATE TABLE t (id int PRIMARY KEY, a int);"
    sql = "ALTER TABLE t\n  ADD COLUMN b int,\n  DROP CONSTRAINT t_pkey;"
    assert at(findings_of(TableRequirePk, sql, history)) == [(3, 3)]
    renamed = "ALTER TABLE t RENAME TO u;"
    assert lines_of(TableRequirePk, renamed, history) == []


def test_index_types_are_reported_at_each_index() -> None:
    sql = (
        "CREATE TABLE t (id int PRIMARY KEY, a int, b text,\n"
        "  KEY ka (a) USING HASH,\n  FULLTEXT KEY fb (b));"
    )
    findings = mysql(IndexTypeAllowList, sql, options={"list": ["BTREE"]})
    assert at(findings) == [(2, 3), (3, 3)]
    assert [f.message for f in findings] == [
        "index type HASH is not in the allow list",
        "index type FULLTEXT is not in the allow list",
    ]


def test_the_default_engine_is_judged_however_the_variable_is_written() -> None:
    for sql in (
        "SET @@session.default_storage_engine = MyISAM;",
        "SET GLOBAL default_storage_engine = 'MyISAM';",
    ):
        assert [f.line for f in mysql(EngineMysqlUseInnodb, sql)] == [1], sql
    assert mysql(EngineMysqlUseInnodb, "SET @default_storage_engine = 'MyISAM';") == []


def test_an_sqlite_virtual_table_needs_no_primary_key() -> None:
    fts = "CREATE VIRTUAL TABLE notes_search USING fts5(title, body);"
    assert lines_of(TableRequirePk, fts, dialect="sqlite") == []
    assert lines_of(TableRequirePk, "CREATE TABLE notes (title TEXT);", dialect="sqlite") == [1]


def test_tables_created_from_a_query_need_a_comment_and_a_charset() -> None:
    ctas = "CREATE TABLE order_stats AS SELECT 1 AS orders;"
    assert lines_of(TableComment, ctas) == [1]
    assert lines_of(TableComment, ctas + "\nCOMMENT ON TABLE order_stats IS 'per day';") == []
    assert lines_of(TableComment, "CREATE MATERIALIZED VIEW mv AS SELECT 1 AS a;") == []
    assert lines_of(TableComment, "SELECT 1 AS a INTO TEMP TABLE scratch;") == []
    assert [f.line for f in mysql(TableRequireCharset, ctas)] == [1]


def test_integer_types_are_one_type_however_the_engine_spells_them() -> None:
    sqlite = "CREATE TABLE notes (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT);"
    assert lines_of(IndexPrimaryKeyTypeAllowlist, sqlite, dialect="sqlite") == []
    unsigned = "CREATE TABLE t (id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY);"
    assert mysql(IndexPrimaryKeyTypeAllowlist, unsigned) == []
    small = "CREATE TABLE t (id smallint unsigned NOT NULL PRIMARY KEY);"
    assert [f.line for f in mysql(IndexPrimaryKeyTypeAllowlist, small)] == [1]


def test_types_domains_and_indexes_are_schema_objects_too() -> None:
    sql = (
        "CREATE TYPE mood AS ENUM ('calm');\nCREATE DOMAIN positive AS int CHECK (VALUE > 0);\n"
        "ALTER INDEX users_email RENAME TO users_email_idx;\n"
        "ALTER TABLE users RENAME body TO description;\nCREATE TYPE public.ok AS ENUM ('a');"
    )
    messages = [f.message for f in findings_of(NamingFullyQualified, sql)]
    assert messages == [
        '"mood" is not schema-qualified',
        '"positive" is not schema-qualified',
        '"users_email" is not schema-qualified',
        '"users" is not schema-qualified',
    ]


def test_a_mysql_primary_key_replaced_in_one_statement_is_kept() -> None:
    history = (
        "CREATE TABLE items (order_id int NOT NULL, line int NOT NULL, PRIMARY KEY (order_id));"
    )
    replaced = "ALTER TABLE items DROP PRIMARY KEY, ADD PRIMARY KEY (order_id, line);"
    assert mysql(TableRequirePk, replaced, history) == []
    dropped = "ALTER TABLE items ADD COLUMN note text, DROP PRIMARY KEY;"
    assert at(mysql(TableRequirePk, dropped, history)) == [(1, 41)]
    renamed = "ALTER TABLE items RENAME TO order_lines;\nRENAME TABLE order_lines TO lines;"
    assert mysql(TableRequirePk, renamed, history) == []
