"""PostgreSQL's lock trace: the table locks a session holds (pg_locks) and the tables whose
storage a statement replaced (relfilenode), read inside the statement's still-open transaction.

Tables are named by oid with the names from before the statement, so a table the statement
renames or drops is still the table it names, and one it creates is nobody's concern.
tests/locks/test_lock_model_postgres.py checks the lock model against the same functions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from dbops.core.locks.modes import LockMode, RelationLock
from dbops.core.shadow import LockTrace

Fetch = Callable[[str], Sequence[tuple[Any, ...]]]

# Tables, partitioned tables and materialized views: what the lock model reports on.
STORAGE_SQL = """SELECT c.oid, n.nspname, c.relname, c.relfilenode FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'm') AND n.nspname <> 'information_schema'
    AND n.nspname NOT LIKE 'pg\\_%'"""
LOCKS_SQL = """SELECT l.relation, l.mode FROM pg_locks l
    WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.granted"""

Storage = dict[int, tuple[str, int]]  # oid -> (schema.table, relfilenode)


def relation_storage(fetch: Fetch, schemas: Mapping[str, str] | None = None) -> Storage:
    """Every user table by oid: its name and its storage. `schemas` renames schemas (a
    shadow schema is reported as the `public` the migrations were written for)."""
    renamed = schemas or {}
    return {
        int(oid): (f"{renamed.get(schema, schema)}.{table}", int(node))
        for oid, schema, table, node in fetch(STORAGE_SQL)
    }


def held_locks(fetch: Fetch, tables: Storage) -> dict[str, LockMode]:
    """The strongest lock this session holds on each of `tables`."""
    held: dict[str, LockMode] = {}
    for oid, mode in fetch(LOCKS_SQL):
        if oid is not None and int(oid) in tables:
            relation, taken = tables[int(oid)][0], LockMode.from_label(str(mode))
            held[relation] = max(taken, held.get(relation, taken))
    return held


def rewritten(before: Storage, after: Storage) -> tuple[str, ...]:
    """Tables of `before` whose storage changed (a dropped table's did not)."""
    changed = (
        name for oid, (name, node) in before.items() if after.get(oid, (name, node))[1] != node
    )
    return tuple(sorted(changed))


def trace_statement(
    fetch: Fetch, execute: Callable[[], None], schemas: Mapping[str, str] | None = None
) -> LockTrace:
    """Run `execute` (one statement, inside an open transaction) and trace it."""
    before = relation_storage(fetch, schemas)
    held_before = held_locks(fetch, before)
    execute()
    held_after = held_locks(fetch, before)
    after = relation_storage(fetch, schemas)
    return LockTrace(
        tables=tuple(sorted(name for name, _ in before.values())),
        held_before=_locks(held_before),
        held_after=_locks(held_after),
        rewrites=rewritten(before, after),
    )


def _locks(held: Mapping[str, LockMode]) -> tuple[RelationLock, ...]:
    return tuple(RelationLock(relation, mode) for relation, mode in sorted(held.items()))
