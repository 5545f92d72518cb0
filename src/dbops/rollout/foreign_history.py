"""Other migration tools' history tables, as those tools define them, read into "which of our
migrations that tool applied" (`dbops import-history --from TOOL`). Pure: rows in, data out.

| tool           | table                      | what says "applied"                              |
|----------------|----------------------------|--------------------------------------------------|
| flyway         | flyway_schema_history      | latest row per version, success, not UNDO/DELETE |
| golang-migrate | schema_migrations          | its one row: every version up to it; dirty: stop |
| dbmate         | schema_migrations          | a row per applied version                        |
| diesel         | __diesel_schema_migrations | a row per applied version                        |
| liquibase      | DATABASECHANGELOG          | EXECUTED, RERAN or MARK_RAN rows, by author:id   |
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from dbops.core.migrations import MigrationFile, MigrationSet
from dbops.errors import InputError


@dataclass(frozen=True)
class Imported:
    """One of our migrations as the other tool recorded it."""

    migration: MigrationFile
    checksum: str  # the file's own when the tool's record agrees with the file as it is
    applied_by: str | None = None
    applied_at: datetime | None = None


@dataclass(frozen=True)
class ForeignTool:
    table: str
    query: str
    read: Callable[[Sequence[tuple[Any, ...]], MigrationSet], list[Imported]]


def flyway_checksum(text: str) -> int:
    """Flyway's checksum of a SQL file: CRC32 of its lines without line breaks, signed 32-bit."""
    lines = re.split(r"\r\n|\r|\n", text.removeprefix("\ufeff"))
    if lines and lines[-1] == "":
        lines.pop()  # readLine() returns no empty line after the last line break
    value = zlib.crc32("".join(lines).encode("utf-8"))
    return value - 2**32 if value >= 2**31 else value


def _when(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, str) and value:
        try:
            return _when(datetime.fromisoformat(value.replace(" ", "T")))
        except ValueError:
            return None
    return None


def _parts(text: str) -> tuple[int, ...] | None:
    cleaned = str(text).strip().replace("_", ".")
    if not re.fullmatch(r"\d+(\.\d+)*", cleaned):
        return None
    return tuple(int(part) for part in cleaned.split("."))


def _missing(tool: str, what: Sequence[str]) -> InputError:
    return InputError(
        f"{tool} recorded {', '.join(what)} as applied, but the migrations folder has no such "
        f"migration; nothing was imported. Restore the file(s), or check 'migrations:' in "
        f"dbops.yaml (and its layout) points at the folder {tool} ran."
    )


def _read_flyway(rows: Sequence[tuple[Any, ...]], migrations: MigrationSet) -> list[Imported]:
    by_parts = {m.version.parts: m for m in migrations if not m.repeatable}
    repeatable = {
        m.description.removeprefix("R__").replace("_", " "): m for m in migrations if m.repeatable
    }
    latest: dict[Any, tuple[Any, ...]] = {}
    baseline: tuple[int, ...] | None = None
    for row in sorted(rows, key=lambda row: int(row[0])):
        _rank, version, description, kind, script, _sum, _by, _on, success = row
        if not success:
            raise InputError(
                f"flyway_schema_history has a failed migration ({script}); run `flyway repair` "
                f"(or fix it) before importing."
            )
        if kind == "BASELINE" and version is not None:
            baseline = _parts(version)
        elif kind in ("SCHEMA", "BASELINE"):
            continue
        key = ("R", description) if version is None else _parts(version)
        if kind in ("UNDO_SQL", "DELETE"):
            latest.pop(key, None)
        else:
            latest[key] = row
    imported: list[Imported] = []
    unknown: list[str] = []
    if baseline is not None:  # Flyway's baseline: everything up to it is taken as applied
        for parts, below in by_parts.items():
            if parts <= baseline and parts not in latest:
                imported.append(Imported(below, below.checksum, "flyway baseline"))
    for key, row in latest.items():
        version, description, script, checksum, by, on = (
            row[1],
            row[2],
            row[4],
            row[5],
            row[6],
            row[7],
        )
        migration = repeatable.get(description) if version is None else by_parts.get(key)
        if migration is None:
            if version is None or row[3] != "BASELINE":
                unknown.append(script if version is None else f"version {version} ({script})")
            continue
        agrees = checksum is None or int(checksum) == flyway_checksum(migration.text)
        recorded = migration.checksum if agrees else f"flyway-crc32:{checksum}"
        imported.append(Imported(migration, recorded, by, _when(on)))
    if unknown:
        raise _missing("flyway", unknown)
    return imported


def _up_to(tool: str, rows: Sequence[tuple[Any, ...]], migrations: MigrationSet) -> list[Imported]:
    """golang-migrate: its single row is the current version, every one up to it applied."""
    if not rows:
        return []
    version, dirty = rows[0][0], rows[0][1]
    if dirty:
        raise InputError(
            f"schema_migrations says version {version} is dirty (golang-migrate stopped in the "
            f"middle of it); fix the database and run `migrate force {version}` before importing."
        )
    current = _parts(str(version))
    if (
        current is not None
        and current != (0,)
        and current not in {m.version.parts for m in migrations}
    ):
        raise _missing(tool, [f"version {version}"])
    return [
        Imported(m, m.checksum)
        for m in migrations
        if current is not None and not m.repeatable and m.version.parts <= current
    ]


def _each_version(tool: str) -> Callable[[Sequence[tuple[Any, ...]], MigrationSet], list[Imported]]:
    def read(rows: Sequence[tuple[Any, ...]], migrations: MigrationSet) -> list[Imported]:
        by_parts = {m.version.parts: m for m in migrations}
        imported, unknown = [], []
        for row in rows:
            migration = by_parts.get(_parts(str(row[0])) or ())
            if migration is None:
                unknown.append(f"version {row[0]}")
            else:
                imported.append(Imported(migration, migration.checksum, None, _when(row[1])))
        if unknown:
            raise _missing(tool, unknown)
        return imported

    return read


def _read_liquibase(rows: Sequence[tuple[Any, ...]], migrations: MigrationSet) -> list[Imported]:
    by_id = {m.description: m for m in migrations}
    imported, unknown = [], []
    for changeset_id, author, filename, executed, _order, kind in rows:
        if str(kind).upper() not in ("EXECUTED", "RERAN", "MARK_RAN"):
            continue
        migration = by_id.get(f"{author}:{changeset_id}")
        if migration is None:
            unknown.append(f"changeset {author}:{changeset_id} ({filename})")
        else:
            imported.append(Imported(migration, migration.checksum, str(author), _when(executed)))
    if unknown:
        raise _missing("liquibase", unknown)
    return imported


TOOLS: dict[str, ForeignTool] = {
    "flyway": ForeignTool(
        "flyway_schema_history",
        "SELECT installed_rank, version, description, type, script, checksum, installed_by, "
        "installed_on, success FROM flyway_schema_history",
        _read_flyway,
    ),
    "golang-migrate": ForeignTool(
        "schema_migrations",
        "SELECT version, dirty FROM schema_migrations",
        lambda rows, migrations: _up_to("golang-migrate", rows, migrations),
    ),
    "dbmate": ForeignTool(
        "schema_migrations", "SELECT version, NULL FROM schema_migrations", _each_version("dbmate")
    ),
    "diesel": ForeignTool(
        "__diesel_schema_migrations",
        "SELECT version, run_on FROM __diesel_schema_migrations",
        _each_version("diesel"),
    ),
    "liquibase": ForeignTool(
        "databasechangelog",
        "SELECT id, author, filename, dateexecuted, orderexecuted, exectype "
        "FROM DATABASECHANGELOG ORDER BY orderexecuted",
        _read_liquibase,
    ),
}
