"""The replayed schema written back as SQL, so an engine can check a statement against it (the
SQLite validator prepares statements dbops does not model against these tables)."""

from __future__ import annotations

from dbops.core.schema import SchemaModel


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def sqlite_schema_sql(schema: SchemaModel) -> list[str]:
    """CREATE TABLE and CREATE INDEX statements for every table and index of the model, with
    columns and declared types (constraints are left out: a prepared statement only needs the
    names to resolve)."""
    statements = []
    for table in schema.tables.values():
        columns = ", ".join(
            f"{_quoted(column.name)} {column.type}".rstrip() for column in table.columns.values()
        )
        statements.append(f"CREATE TABLE {_quoted(table.name)} ({columns or 'dbops_no_column'})")
    for index in schema.indexes.values():
        if index.kind == "index" and index.columns and index.table in schema.tables:
            listed = ", ".join(_quoted(column) for column in index.columns)
            statements.append(
                f"CREATE INDEX {_quoted(index.name)} ON {_quoted(index.table)} ({listed})"
            )
    return statements
