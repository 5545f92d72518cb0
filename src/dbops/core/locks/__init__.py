"""The lock impact model: which lock every statement takes on which relation, what that blocks,
and whether it rewrites or scans a table, per engine and server version. Pure: typed statements
and the replayed schema in, `LockImpact` out. One source of truth for the rules ("this takes
ACCESS EXCLUSIVE and rewrites"), the reports and `dbops explain`."""

from __future__ import annotations

from collections.abc import Sequence

from dbops.core.locks.modes import LockImpact, LockMode, RelationLock
from dbops.core.locks.target import TargetVersion, target_version
from dbops.core.schema import SchemaModel
from dbops.core.statements import Statement

__all__ = [
    "LockImpact",
    "LockMode",
    "RelationLock",
    "TargetVersion",
    "lock_impact",
    "target_version",
]


def lock_impact(
    statement: Statement,
    schema: SchemaModel,
    target: TargetVersion,
    earlier: Sequence[Statement] = (),
) -> LockImpact:
    """The impact of `statement` on `target`, with `schema` as it stands before it and
    `earlier` the statements before it in its file."""
    if target.engine == "postgres":
        from dbops.core.locks.postgres import postgres_impact

        return postgres_impact(statement, schema, target, earlier)
    if target.engine in ("mysql", "mariadb"):
        from dbops.core.locks.mysql import mysql_impact

        return mysql_impact(statement, schema, target)
    from dbops.core.locks.sqlite import sqlite_impact

    return sqlite_impact(statement, schema)
