"""What a real database reports about its schema, and the same facts read from a replayed
SchemaModel, in one shape so that the two can be compared table by table, column by column,
index by index (tests/test_replay_real_databases.py)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from dbops.core.schema import FOREIGN, INDEX, PRIMARY, UNIQUE, SchemaModel


@dataclass(frozen=True)
class ColumnFacts:
    name: str
    type: str
    nullable: bool
    has_default: bool


@dataclass(frozen=True)
class IndexFacts:
    name: str
    columns: tuple[str, ...]
    unique: bool


@dataclass(frozen=True)
class ForeignKeyFacts:
    columns: tuple[str, ...]
    references: str
    referenced_columns: tuple[str, ...]


@dataclass(frozen=True)
class TableFacts:
    columns: tuple[ColumnFacts, ...]
    primary_key: tuple[str, ...]
    indexes: frozenset[IndexFacts]
    foreign_keys: frozenset[ForeignKeyFacts]


Facts = dict[str, TableFacts]


# -- PostgreSQL -------------------------------------------------------------------------------
_PG_TABLES = """
SELECT c.oid, n.nspname || '.' || c.relname
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg_toast%'
"""
_PG_COLUMNS = """
SELECT a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull,
       a.atthasdef AND a.attgenerated = ''
FROM pg_attribute a WHERE a.attrelid = %s AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum
"""
_PG_INDEXES = """
SELECT i.relname, x.indisunique, x.indisprimary,
       ARRAY(SELECT pg_get_indexdef(x.indexrelid, k, true)
             FROM generate_series(1, x.indnkeyatts) AS k ORDER BY k)
FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = %s
"""
_PG_FOREIGN_KEYS = """
SELECT ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, o)
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o),
       rn.nspname || '.' || r.relname,
       ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(n, o)
             JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.o)
FROM pg_constraint c JOIN pg_class r ON r.oid = c.confrelid
JOIN pg_namespace rn ON rn.oid = r.relnamespace
WHERE c.conrelid = %s AND c.contype = 'f' AND c.conparentid = 0
"""


def postgres_facts(connection: Any) -> tuple[Facts, set[str]]:
    facts: Facts = {}
    with connection.cursor() as cursor:
        cursor.execute(_PG_TABLES)
        for oid, name in cursor.fetchall():
            cursor.execute(_PG_COLUMNS, (oid,))
            columns = tuple(ColumnFacts(*row) for row in cursor.fetchall())
            cursor.execute(_PG_INDEXES, (oid,))
            indexes, primary = set(), ()
            for index_name, unique, is_primary, definitions in cursor.fetchall():
                parts = tuple(_pg_part(part) for part in definitions)
                if is_primary:
                    primary = parts
                indexes.add(IndexFacts(index_name, parts, unique))
            cursor.execute(_PG_FOREIGN_KEYS, (oid,))
            keys = frozenset(
                ForeignKeyFacts(tuple(a), b, tuple(c)) for a, b, c in cursor.fetchall()
            )
            facts[name] = TableFacts(columns, primary, frozenset(indexes), keys)
        cursor.execute(
            "SELECT schemaname || '.' || viewname FROM pg_views WHERE schemaname NOT IN "
            "('pg_catalog', 'information_schema') UNION ALL SELECT schemaname || '.' || "
            "matviewname FROM pg_matviews"
        )
        views = {row[0] for row in cursor.fetchall()}
    return facts, views


def _pg_part(part: str) -> str:
    """An index key part: a column name, or `(expression)` for any expression."""
    return part.strip('"') if part.replace("_", "").isalnum() or part.startswith('"') else "(…)"


# -- MariaDB / MySQL --------------------------------------------------------------------------
def mysql_facts(connection: Any, database: str) -> tuple[Facts, set[str]]:
    facts: Facts = {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = %s",
            (database,),
        )
        tables = cursor.fetchall()
        views = {name for name, kind in tables if kind == "VIEW"}
        for name, kind in tables:
            if kind == "VIEW":
                continue
            cursor.execute(
                "SELECT CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS "
                "WHERE CONSTRAINT_SCHEMA = %s AND TABLE_NAME = %s",
                (database, name),
            )
            checks = {clause.lower().replace("`", "") for (clause,) in cursor.fetchall()}
            cursor.execute(
                "SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA "
                "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = %s AND TABLE_NAME = %s "
                "ORDER BY ORDINAL_POSITION",
                (database, name),
            )
            columns = tuple(
                ColumnFacts(
                    column.lower(),
                    _mariadb_type(column.lower(), column_type.lower(), checks),
                    nullable == "YES",
                    default is not None and default != "NULL" and "GENERATED" not in extra,
                )
                for column, column_type, nullable, default, extra in cursor.fetchall()
            )
            cursor.execute(
                "SELECT INDEX_NAME, NON_UNIQUE, COLUMN_NAME FROM information_schema.STATISTICS "
                "WHERE TABLE_SCHEMA = %s AND TABLE_NAME = %s ORDER BY INDEX_NAME, SEQ_IN_INDEX",
                (database, name),
            )
            parts: dict[str, tuple[bool, list[str]]] = {}
            for index_name, non_unique, column in cursor.fetchall():
                parts.setdefault(index_name, (not non_unique, []))[1].append(column.lower())
            indexes = frozenset(
                IndexFacts(index.lower(), tuple(cols), unique)
                for index, (unique, cols) in parts.items()
            )
            primary = tuple(parts["PRIMARY"][1]) if "PRIMARY" in parts else ()
            cursor.execute(
                "SELECT k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME, "
                "k.REFERENCED_COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE k "
                "WHERE k.TABLE_SCHEMA = %s AND k.TABLE_NAME = %s "
                "AND k.REFERENCED_TABLE_NAME IS NOT NULL ORDER BY k.CONSTRAINT_NAME, "
                "k.ORDINAL_POSITION",
                (database, name),
            )
            keys: dict[str, tuple[list[str], str, list[str]]] = {}
            for constraint, column, target, target_column in cursor.fetchall():
                entry = keys.setdefault(constraint, ([], target, []))
                entry[0].append(column.lower())
                entry[2].append(target_column.lower())
            foreign = frozenset(ForeignKeyFacts(tuple(a), b, tuple(c)) for a, b, c in keys.values())
            facts[name] = TableFacts(columns, primary, indexes, foreign)
    return facts, views


def _mariadb_type(column: str, column_type: str, checks: set[str]) -> str:
    """MariaDB's JSON is LONGTEXT with a `json_valid(column)` check: the type as declared."""
    if column_type == "longtext" and f"json_valid({column})" in checks:
        return "json"
    return column_type


# -- SQLite -----------------------------------------------------------------------------------
def sqlite_facts(connection: sqlite3.Connection) -> tuple[Facts, set[str]]:
    facts: Facts = {}
    listed = connection.execute("PRAGMA table_list").fetchall()
    views = {row[1].lower() for row in listed if row[2] == "view" and row[0] == "main"}
    for schema, name, kind, *_ in listed:
        if schema != "main" or kind not in ("table", "virtual") or name.startswith("sqlite_"):
            continue
        # table_xinfo: table_info without the generated columns (hidden 2 and 3)
        info = [
            row[:6]
            for row in connection.execute(f'PRAGMA table_xinfo("{name}")').fetchall()
            if row[6] != 1
        ]
        columns = tuple(
            ColumnFacts(
                column.lower(), " ".join(declared.lower().split()), not notnull, default is not None
            )
            for _cid, column, declared, notnull, default, _pk in info
        )
        primary = tuple(row[1].lower() for row in sorted(info, key=lambda row: row[5]) if row[5])
        indexes = set()
        for row in connection.execute(f'PRAGMA index_list("{name}")').fetchall():
            index_name, unique = row[1], row[2]
            parts = connection.execute(f'PRAGMA index_info("{index_name}")').fetchall()
            cols = tuple((part[2] or "(…)").lower() for part in parts)
            indexes.add(IndexFacts(index_name.lower(), cols, bool(unique)))
        foreign: dict[int, tuple[list[str], str, list[str]]] = {}
        for key_id, _seq, target, column, target_column, *_rest in connection.execute(
            f'PRAGMA foreign_key_list("{name}")'
        ).fetchall():
            entry = foreign.setdefault(key_id, ([], target.lower(), []))
            entry[0].append(column.lower())
            entry[2].append((target_column or "").lower())
        keys = frozenset(ForeignKeyFacts(tuple(a), b, tuple(c)) for a, b, c in foreign.values())
        facts[name.lower()] = TableFacts(columns, primary, frozenset(indexes), keys)
    return facts, views


# -- the replayed model -----------------------------------------------------------------------
def model_facts(model: SchemaModel) -> tuple[Facts, set[str]]:
    facts: Facts = {}
    sqlite = model.dialect == "sqlite"
    for key, table in model.tables.items():
        columns = tuple(
            ColumnFacts(
                column.name.lower(),
                _model_type(column.type, model.dialect),
                column.nullable,
                column.has_default and not column.auto_increment,
            )
            for column in table.columns.values()
        )
        primary_key = model.primary_key(key)
        indexes = frozenset(
            IndexFacts(
                index.name.lower(),
                tuple(_model_part(part) for part in index.columns),
                index.unique,
            )
            for index in model.table_indexes(key)
            if index.kind in (INDEX, UNIQUE, PRIMARY)
            and index.name
            and not (index.kind == PRIMARY and sqlite and index.name == "")
        )
        if table.virtual_module:
            indexes = frozenset()
        foreign = frozenset(
            ForeignKeyFacts(
                tuple(c.lower() for c in index.columns),
                _target_name(index.references or "", model),
                tuple(c.lower() for c in index.referenced_columns),
            )
            for index in model.table_indexes(key)
            if index.kind == FOREIGN
        )
        name = key.lower() if model.dialect == "sqlite" else key
        facts[name] = TableFacts(
            columns,
            tuple(primary_key.columns) if primary_key is not None else (),
            indexes,
            foreign,
        )
    views = {key.lower() if sqlite else key for key in model.views}
    return facts, views


def _model_part(part: str) -> str:
    return "(…)" if part.startswith("(") else part.lower()


def _model_type(type_text: str, dialect: str) -> str:
    return " ".join(type_text.lower().split()) if dialect != "postgres" else type_text


def _target_name(key: str, model: SchemaModel) -> str:
    return key.lower() if model.dialect == "sqlite" else key
