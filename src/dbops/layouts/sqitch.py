"""Sqitch: `sqitch.plan` orders the changes; `deploy/<change>.sql` is the migration,
`revert/<change>.sql` its rollback, `verify/<change>.sql` what `dbops baseline` runs to check
that the change is there. The n-th
change of the plan is version n: Sqitch appends changes to its plan."""

from __future__ import annotations

import re
from collections.abc import Sequence

from dbops.core.migrations import LayoutFacts, MigrationFile, read_migration
from dbops.core.versions import Version
from dbops.errors import InputError
from dbops.layouts.files import SourceFile, decoded, owns_transaction

SQITCH_PLAN = "sqitch.plan"
# `name [deps] 2013-12-30T23:19:05Z Planner Name <email> # note`
_CHANGE = re.compile(
    r"^(?P<name>[^\s\[@#%:][^\s\[]*)\s+(?:\[(?P<requires>[^\]]*)\]\s+)?"
    r"(?P<stamp>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)\s+(?P<planner>[^<]*)<[^>]*>(?:\s+#\s*(?P<note>.*))?$"
)


def plan_changes(plan: SourceFile) -> list[tuple[int, str, str]]:
    """(line, change name, note) of every change in the plan, in plan order."""
    changes: list[tuple[int, str, str]] = []
    seen: set[str] = set()
    for number, line in enumerate(decoded(plan).split("\n"), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith(("%", "#", "@")):
            continue  # pragmas, comments and tags
        match = _CHANGE.match(stripped)
        if match is None:
            raise InputError(f"{plan.shown}:{number}: not a Sqitch plan line: {stripped!r}.")
        name = match.group("name")
        if name in seen:
            raise InputError(
                f"{plan.shown}:{number}: change '{name}' is reworked; dbops reads each change "
                f"once (reworked changes are not supported)."
            )
        seen.add(name)
        changes.append((number, name, (match.group("note") or "").strip()))
    return changes


def read_sqitch(files: Sequence[SourceFile]) -> list[MigrationFile]:
    by_path = {file.relative: file for file in files}
    plan = by_path.get(SQITCH_PLAN)
    if plan is None:
        raise InputError("the migrations folder has no sqitch.plan (the Sqitch layout needs it).")
    migrations = []
    for ordinal, (line, name, note) in enumerate(plan_changes(plan), start=1):
        deploy = by_path.get(f"deploy/{name}.sql")
        if deploy is None:
            raise InputError(f"{plan.shown}:{line}: change '{name}' has no deploy/{name}.sql.")
        revert = by_path.get(f"revert/{name}.sql")
        verify = by_path.get(f"verify/{name}.sql")
        facts = LayoutFacts(
            Version(str(ordinal), (ordinal,)),
            f"{name}: {note}" if note else name,
            no_transaction=owns_transaction(decoded(deploy)),
            down_no_transaction=revert is not None and owns_transaction(decoded(revert)),
            verify=(verify.shown, decoded(verify)) if verify else None,
            rollback_hint=f"revert/{name}.sql",
        )
        pair = (revert.shown, revert.content) if revert else None
        migrations.append(read_migration(deploy.shown, f"{name}.sql", deploy.content, pair, facts))
    return migrations
