"""The SQLite model: SQLite has one lock for the whole database (a write transaction blocks
every other writer until it commits; readers go on in WAL mode), so what differs between
statements is whether the table is rebuilt: DROP COLUMN rewrites the table's content, ADD
COLUMN and the RENAMEs only edit the schema text. Reported in PostgreSQL's vocabulary:
EXCLUSIVE (writes wait, reads go on)."""

from __future__ import annotations

from dbops.core.locks.modes import ImpactBuilder, LockImpact, LockMode
from dbops.core.schema import SchemaModel
from dbops.core.statements import (
    AddColumn,
    AlterTable,
    CreateIndex,
    Delete,
    Drop,
    DropColumn,
    Insert,
    Maintenance,
    Statement,
    Update,
)


def sqlite_impact(statement: Statement, schema: SchemaModel) -> LockImpact:
    impact = ImpactBuilder()
    if isinstance(statement, AlterTable):
        table = schema.key_of(statement.table)
        impact.lock(table, LockMode.EXCLUSIVE)
        for action in statement.actions:
            if isinstance(action, DropColumn):
                impact.rewrites.append(table)
            elif isinstance(action, AddColumn) and (
                action.column.constraints or action.column.generated
            ):
                impact.scans.append(table)  # CHECK / REFERENCES / generated: rows are checked
    elif isinstance(statement, CreateIndex):
        table = schema.key_of(statement.table)
        impact.lock(table, LockMode.EXCLUSIVE)
        impact.scans.append(table)
    elif isinstance(statement, Insert | Update | Delete):
        impact.lock(schema.key_of(statement.table), LockMode.EXCLUSIVE)
    elif isinstance(statement, Drop) and statement.object_kind.upper() == "TABLE":
        for name in statement.names:
            impact.lock(schema.key_of(name), LockMode.EXCLUSIVE)
    elif isinstance(statement, Maintenance) and statement.operation.upper().startswith("VACUUM"):
        impact.notes.append("VACUUM rewrites the whole database file")
    return impact.done()
