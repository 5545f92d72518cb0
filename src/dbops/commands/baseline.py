"""`dbops baseline --env E --version V`: a database that already has the schema up to V (made
before dbops, or by hand) gets every migration up to V recorded as `baseline`, never run. The
tables and columns those migrations leave behind (the schema model replayed up to V) must
exist in the target first, and their verify scripts (Sqitch's) must pass, so a baseline on the
wrong database is refused."""

from __future__ import annotations

from collections.abc import Sequence

from dbops.adapters.config_file import Project
from dbops.adapters.databases.base import TargetDatabase
from dbops.commands.adoption import AdoptionOutcome, adopt, recorded_step
from dbops.commands.release import Runtime
from dbops.core.migrations import MigrationFile, MigrationSet
from dbops.core.schema import SchemaModel
from dbops.core.sql import dialect_name, parse_sql
from dbops.core.versions import Version, version_from_text
from dbops.errors import InputError, UsageError
from dbops.parsing import typed_statements
from dbops.rollout.history import Status
from dbops.rollout.steps import Recorded


def baseline_migrations(migrations: MigrationSet, version: Version) -> list[MigrationFile]:
    """The versioned migrations up to `version`, which must be one of them."""
    if version.parts not in {m.version.parts for m in migrations if not m.repeatable}:
        known = ", ".join(m.version.text for m in migrations if not m.repeatable) or "none"
        raise UsageError(f"--version {version}: no migration has that version (known: {known}).")
    return [m for m in migrations if not m.repeatable and m.version.parts <= version.parts]


def expected_columns(migrations: Sequence[MigrationFile], dialect: str) -> dict[str, set[str]]:
    """Tables and their columns (unqualified, lower case) the migrations leave when replayed."""
    model = SchemaModel(dialect=dialect_name(dialect))
    for migration in migrations:
        parsed = parse_sql(migration.text, dialect)
        for statement in typed_statements(parsed, dialect_name(dialect)):
            model.apply(statement, migration.path)
    return {
        table.short_name.lower(): {column.lower() for column in table.columns}
        for table in model.tables.values()
    }


def missing_objects(expected: dict[str, set[str]], existing: dict[str, set[str]]) -> list[str]:
    """What the replayed schema has and the target lacks: `table t`, `column t.c`."""
    missing = [f"table {table}" for table in sorted(set(expected) - set(existing))]
    for table in sorted(set(expected) & set(existing)):
        missing += [f"column {table}.{c}" for c in sorted(expected[table] - existing[table])]
    return missing


def run_baseline(
    project: Project, environment: str, version_text: str, runtime: Runtime, force: bool
) -> AdoptionOutcome:
    try:
        version = version_from_text(version_text)
    except ValueError as exc:
        raise UsageError(f"--version: {exc}.") from None

    def choose(database: TargetDatabase, migrations: MigrationSet) -> list[Recorded]:
        chosen = baseline_migrations(migrations, version)
        expected = expected_columns(chosen, project.config.dialect)
        missing = missing_objects(expected, database.existing_columns())
        if missing:
            raise InputError(
                f"the migrations up to {version} leave {', '.join(missing)}, which this target "
                f"does not have: it is not at version {version}. Nothing was recorded; baseline "
                f"the version the database is really at."
            )
        failed = [
            f"{m.verify[0]}: {error}"
            for m in chosen
            if m.verify and (error := database.verify(m.verify[1])) is not None
        ]
        if failed:
            raise InputError(
                f"verify script(s) fail, so this target is not at version {version}: "
                f"{'; '.join(failed)}. Nothing was recorded."
            )
        return [
            Recorded(recorded_step(m, m.checksum, f"baseline {version}"), runtime.applied_by())
            for m in chosen
        ]

    def gated(migrations: MigrationSet) -> MigrationSet:
        return MigrationSet.of(baseline_migrations(migrations, version))

    return adopt(project, environment, runtime, choose, Status.BASELINE, force, gated)
