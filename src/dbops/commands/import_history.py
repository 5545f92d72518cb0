"""`dbops import-history --from TOOL --env E`: a team switching from Flyway, golang-migrate,
dbmate, diesel or Liquibase keeps its audit trail: what that tool's history table in each
target says was applied is written to dbops' history (who and when, where the tool kept it),
so the next rollout applies only what is new."""

from __future__ import annotations

from dbops.adapters.config_file import Project
from dbops.adapters.databases.base import TargetDatabase
from dbops.commands.adoption import AdoptionOutcome, adopt, recorded_step
from dbops.commands.release import Runtime
from dbops.core.migrations import MigrationSet
from dbops.errors import InputError, UsageError
from dbops.rollout.foreign_history import TOOLS
from dbops.rollout.history import Status
from dbops.rollout.steps import Recorded


def run_import_history(
    project: Project, environment: str, tool_name: str, runtime: Runtime, force: bool
) -> AdoptionOutcome:
    tool = TOOLS.get(tool_name)
    if tool is None:
        raise UsageError(f"--from {tool_name}: import from one of {', '.join(TOOLS)}.")
    release = f"import {tool_name}"

    def choose(database: TargetDatabase, migrations: MigrationSet) -> list[Recorded]:
        if tool.table not in database.existing_tables():
            raise InputError(
                f"there is no {tool.table} table ({tool_name}'s history) here; nothing was "
                f"recorded. Is this the database {tool_name} migrated?"
            )
        imported = tool.read(database.query(tool.query), migrations)
        return [
            Recorded(
                recorded_step(item.migration, item.checksum, release),
                item.applied_by or f"{tool_name} (imported by {runtime.applied_by()})",
                item.applied_at,
            )
            for item in sorted(imported, key=lambda item: item.migration.version.parts)
        ]

    return adopt(project, environment, runtime, choose, Status.APPLIED, force)
