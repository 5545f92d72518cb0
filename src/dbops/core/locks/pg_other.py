"""PostgreSQL locks of the statements other than ALTER TABLE: DML, CREATE TABLE with foreign
keys, DROP, REINDEX, maintenance, ALTER of views, policies and triggers."""

from __future__ import annotations

from dbops.core.locks.modes import ImpactBuilder, LockMode
from dbops.core.schema import FOREIGN, SchemaModel
from dbops.core.statements import (
    AlterObject,
    ConstraintKind,
    CreateTable,
    Delete,
    Drop,
    Insert,
    Maintenance,
    Merge,
    Query,
    Reindex,
    Update,
)

_M = LockMode
_DROPPED_RELATIONS = frozenset({"TABLE", "VIEW", "MATERIALIZED VIEW", "SEQUENCE", "FOREIGN TABLE"})


def create_table(statement: CreateTable, schema: SchemaModel, impact: ImpactBuilder) -> None:
    """A new table locks nothing that exists, except the tables its foreign keys reference
    (a trigger is added to them) and a partitioned parent it joins."""
    constraints = [
        *statement.constraints,
        *(c for col in statement.columns for c in col.constraints),
    ]
    for constraint in constraints:
        if constraint.kind is ConstraintKind.FOREIGN_KEY and constraint.references is not None:
            impact.lock(schema.key_of(constraint.references.table), _M.SHARE_ROW_EXCLUSIVE)
    if statement.partition_of is not None:
        impact.lock(schema.key_of(statement.partition_of), _M.ACCESS_EXCLUSIVE)
    for parent in statement.inherits:
        impact.lock(schema.key_of(parent), _M.SHARE_UPDATE_EXCLUSIVE)


def drop(statement: Drop, schema: SchemaModel, impact: ImpactBuilder) -> None:
    if statement.object_kind.upper() not in _DROPPED_RELATIONS:
        if statement.on_table is not None:  # DROP TRIGGER/POLICY/RULE … ON t
            impact.lock(schema.key_of(statement.on_table), _M.ACCESS_EXCLUSIVE)
        return
    for name in statement.names:
        table = schema.key_of(name)
        impact.lock(table, _M.ACCESS_EXCLUSIVE)
        # Foreign keys in either direction go with the table, and their triggers with them;
        # with CASCADE the views built on it are dropped too.
        for other in tables_sharing_foreign_keys(schema, table):
            impact.lock(other, _M.ACCESS_EXCLUSIVE)
        if statement.cascade:
            for dependent in dependent_views(schema, table):
                impact.lock(dependent, _M.ACCESS_EXCLUSIVE)


def tables_sharing_foreign_keys(
    schema: SchemaModel, table: str, column: str | None = None
) -> list[str]:
    """The other tables linked to `table` by a foreign key (either way), optionally only the
    keys involving `column` of `table`."""
    linked: list[str] = [
        index.references
        for index in schema.table_indexes(table)
        if index.kind == FOREIGN
        and index.references
        and index.references != table
        and (column is None or column in index.columns)
    ]
    for other in schema.tables:
        linked.extend(
            other
            for index in schema.table_indexes(other)
            if other != table
            and index.kind == FOREIGN
            and index.references == table
            and (column is None or column in index.referenced_columns)
        )
    return linked


def dependent_views(schema: SchemaModel, relation: str) -> list[str]:
    """The views and materialized views that read `relation`, directly or through others."""
    found: list[str] = []
    frontier = [relation]
    while frontier:
        current = frontier.pop()
        for key, view in schema.views.items():
            if current in view.sources and key not in found:
                found.append(key)
                frontier.append(key)
    return found


def reindex(statement: Reindex, schema: SchemaModel, impact: ImpactBuilder) -> None:
    if statement.name is None:
        return
    name = schema.key_of(statement.name)
    if statement.concurrently:
        impact.lock(name, _M.SHARE_UPDATE_EXCLUSIVE)
    elif statement.target.upper() == "INDEX":
        impact.lock(name, _M.ACCESS_EXCLUSIVE)
        index = schema.index_named(statement.name)
        if index is not None:
            impact.lock(index.table, _M.SHARE)
    else:
        impact.lock(name, _M.SHARE)
    impact.index_builds.append(name)


def dml(
    statement: Insert | Update | Delete | Merge, schema: SchemaModel, impact: ImpactBuilder
) -> None:
    target = statement.target if isinstance(statement, Merge) else statement.table
    impact.lock(schema.key_of(target), _M.ROW_EXCLUSIVE)
    queries: list[Query] = []
    if isinstance(statement, Insert) and statement.query is not None:
        queries.append(statement.query)
    elif isinstance(statement, Update):
        queries.extend((*statement.sources, *statement.ctes))
    elif isinstance(statement, Delete):
        queries.extend((*statement.using, *statement.ctes))
    elif isinstance(statement, Merge) and statement.source is not None:
        queries.append(statement.source)
    for query in queries:
        reads(query, schema, impact)


def reads(query: Query, schema: SchemaModel, impact: ImpactBuilder) -> None:
    """ACCESS SHARE on every table a query reads."""
    for part in query.walk():
        for source in part.sources:
            if source.table is not None:
                impact.lock(schema.key_of(source.table), _M.ACCESS_SHARE)


def maintenance(statement: Maintenance, schema: SchemaModel, impact: ImpactBuilder) -> None:
    operation = statement.operation.upper()
    for table in statement.tables:
        name = schema.key_of(table)
        if operation in ("VACUUM FULL", "CLUSTER"):
            impact.lock(name, _M.ACCESS_EXCLUSIVE)
            impact.rewrites.append(name)
        elif operation == "REFRESH MATERIALIZED VIEW":
            impact.lock(name, _M.EXCLUSIVE if statement.concurrently else _M.ACCESS_EXCLUSIVE)
            view = schema.views.get(name)
            for source in sorted(view.sources) if view is not None else ():
                impact.lock(source, _M.ACCESS_SHARE)  # its query reads them
            if not statement.concurrently:  # CONCURRENTLY updates rows in place
                impact.rewrites.append(name)
        else:  # VACUUM, ANALYZE
            impact.lock(name, _M.SHARE_UPDATE_EXCLUSIVE)
            impact.scans.append(name)


def alter_object(statement: AlterObject, schema: SchemaModel, impact: ImpactBuilder) -> None:
    """ALTER VIEW / MATERIALIZED VIEW (rename, options, owner, schema, a column's default)
    takes ACCESS EXCLUSIVE on the view; ALTER POLICY and ALTER TRIGGER … RENAME take it on
    their table. Routines, roles, databases and extensions lock no relation."""
    if statement.object_kind in ("VIEW", "MATERIALIZED VIEW") and statement.name is not None:
        impact.lock(schema.key_of(statement.name), _M.ACCESS_EXCLUSIVE)
    elif statement.object_kind in ("POLICY", "TRIGGER") and statement.on_table is not None:
        impact.lock(schema.key_of(statement.on_table), _M.ACCESS_EXCLUSIVE)
