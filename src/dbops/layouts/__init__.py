"""Migration folders as other tools lay them out, read as they are (no renaming): each layout
turns the folder's files into dbops' migrations, with the path and lines of the user's own
files, so that review, release, rollout and rollback work the same on every layout.

Pure: the files come in as data (`SourceFile`), from the disk or from a git commit.

| layout          | migration                               | rollback                   |
|-----------------|-----------------------------------------|----------------------------|
| dbops           | `<version>_name.sql`                    | `<same name>.down.sql`     |
| flyway          | `V<version>__name.sql`, `R__name.sql`   | `U<version>__name.sql`     |
| golang-migrate  | `<version>_name.up.sql`                 | `<version>_name.down.sql`  |
| dbmate          | `-- migrate:up` section of `<v>_x.sql`  | its `-- migrate:down`      |
| diesel          | `<timestamp>_name/up.sql`               | `<timestamp>_name/down.sql`|
| sqitch          | `deploy/<change>.sql`, sqitch.plan order | `revert/<change>.sql`     |
| liquibase-sql   | each `--changeset author:id`            | its `--rollback` lines     |
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from dbops.core.migrations import MigrationFile
from dbops.errors import ConfigError
from dbops.layouts.files import SourceFile
from dbops.layouts.sections import read_dbmate, read_liquibase
from dbops.layouts.simple import read_dbops, read_diesel, read_flyway, read_golang_migrate
from dbops.layouts.sqitch import SQITCH_PLAN, read_sqitch

Reader = Callable[[Sequence[SourceFile]], list[MigrationFile]]

LAYOUTS: dict[str, Reader] = {
    "dbops": read_dbops,
    "flyway": read_flyway,
    "golang-migrate": read_golang_migrate,
    "dbmate": read_dbmate,
    "diesel": read_diesel,
    "sqitch": read_sqitch,
    "liquibase-sql": read_liquibase,
}

_GOLANG = re.compile(r"^\d+_[^/]*\.up\.sql$")
_FLYWAY_ONLY = re.compile(r"^(R__|U\d[\d._]*__)[^/]*\.sql$")
_FLYWAY_ANY = re.compile(r"^([VU]\d[\d._]*|R)__[^/]*\.sql$")
_DIESEL = re.compile(r"^[^/]+/up\.sql$")
_DBMATE = re.compile(rb"^--\s*migrate:up\b", re.MULTILINE)
_LIQUIBASE = re.compile(rb"^\s*--\s*liquibase formatted sql", re.IGNORECASE)


def detect_layout(files: Sequence[SourceFile]) -> str:
    """The layout a folder's files are in (dbops' own when nothing else fits)."""
    names = [file.relative for file in files]
    if SQITCH_PLAN in names:
        return "sqitch"
    if any(_LIQUIBASE.match(file.content) for file in files):
        return "liquibase-sql"
    if any(_GOLANG.match(name) for name in names):
        return "golang-migrate"
    if any(_DIESEL.match(name) for name in names):
        return "diesel"
    leaves = [name.rsplit("/", 1)[-1] for name in names]
    if any(_FLYWAY_ONLY.match(leaf) for leaf in leaves) or (
        leaves and all(_FLYWAY_ANY.match(leaf) for leaf in leaves)
    ):
        return "flyway"  # undo or repeatable files, or nothing but Flyway names
    if any(_DBMATE.search(file.content) for file in files):
        return "dbmate"
    return "dbops"


def read_layout(layout: str | None, files: Sequence[SourceFile]) -> list[MigrationFile]:
    """The migrations of `files` in `layout` (detected when None)."""
    chosen = layout or detect_layout(files)
    reader = LAYOUTS.get(chosen)
    if reader is None:
        raise ConfigError(
            f"dbops.yaml: 'migrations.layout' is '{chosen}'; use one of {', '.join(LAYOUTS)}."
        )
    return reader(files)


__all__ = ["LAYOUTS", "SQITCH_PLAN", "SourceFile", "detect_layout", "read_layout"]
