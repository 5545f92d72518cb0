"""The name of the next migration file (`dbops new`). Pure: the clock is passed in."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import datetime

from dbops.core.migrations import MigrationFile
from dbops.errors import UsageError

_TIMESTAMP_DIGITS = 12  # yyyymmddHHMM, as in the design's examples


def slugify(description: str) -> str:
    """`Přidat uživatele/role` -> `pridat_uzivatele_role`: accents dropped, not the letters."""
    ascii_text = unicodedata.normalize("NFKD", description).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")
    return slug or "migration"


def next_migration_name(
    existing: Sequence[MigrationFile], description: str, now: datetime, dml: bool
) -> str:
    """Follow the convention the folder already uses: timestamps, sequence numbers or Flyway."""
    suffix = "_dml.sql" if dml else ".sql"
    slug = slugify(description)
    latest = max(existing, key=lambda file: file.version.parts, default=None)
    if latest is not None and latest.name[:1] in "vV" and "__" in latest.name:
        major = latest.version.parts[0] + 1
        return f"V{major}__{slug}{suffix}"
    if (
        latest is not None
        and len(latest.version.text) < _TIMESTAMP_DIGITS
        and "." not in latest.version.text
    ):
        width = len(re.match(r"^[vV]?(\d+)", latest.name).group(1))  # type: ignore[union-attr]
        return f"{latest.version.parts[0] + 1:0{width}d}_{slug}{suffix}"
    stamp = int(now.strftime("%Y%m%d%H%M"))
    if latest is not None and len(latest.version.parts) == 1:
        stamp = max(stamp, latest.version.parts[0] + 1)
    return f"{stamp}_{slug}{suffix}"


def new_migration_files(
    layout: str, existing: Sequence[MigrationFile], description: str, now: datetime, dml: bool
) -> dict[str, str]:
    """Relative path -> content of the files `dbops new` creates, in the folder's layout. The
    description becomes comment lines (every line: a pasted second line must not become SQL)."""
    comment = "".join(f"-- {line.strip()}\n" for line in description.strip().splitlines())
    header = "-- dbops:type dml\n" if dml else ""
    slug = slugify(description)
    latest = max((m for m in existing if not m.repeatable), key=lambda m: m.version.parts,
                 default=None)  # fmt: skip
    if layout == "flyway":
        major = latest.version.parts[0] + 1 if latest else 1
        return {f"V{major}__{slug}{'_dml' if dml else ''}.sql": header + comment}
    if layout == "golang-migrate":
        width = len(latest.name.split("_", 1)[0]) if latest else 6
        number = f"{(latest.version.parts[0] + 1) if latest else 1:0{width}d}"
        return {
            f"{number}_{slug}.up.sql": header + comment,
            f"{number}_{slug}.down.sql": f"-- undo: {slug.replace('_', ' ')}\n",
        }
    if layout == "dbmate":
        stamp = _after(int(now.strftime("%Y%m%d%H%M%S")), latest)
        return {f"{stamp}_{slug}.sql": f"-- migrate:up\n{header}{comment}\n-- migrate:down\n"}
    if layout == "diesel":
        digits = str(_after(int(now.strftime("%Y%m%d%H%M%S")), latest))
        folder = f"{digits[:4]}-{digits[4:6]}-{digits[6:8]}-{digits[8:]}_{slug}"
        return {f"{folder}/up.sql": header + comment, f"{folder}/down.sql": ""}
    if layout in ("sqitch", "liquibase-sql"):
        how = {
            "sqitch": "`sqitch add NAME` (it also writes the plan line)",
            "liquibase-sql": "a new `--changeset author:id` at the end of a changelog file",
        }[layout]
        raise UsageError(f"dbops new does not write {layout} migrations; add one with {how}.")
    return {next_migration_name(existing, description, now, dml): header + comment}


def _after(stamp: int, latest: MigrationFile | None) -> int:
    """A timestamp version, above the newest one when the clock is behind it."""
    return max(stamp, latest.version.parts[0] + 1) if latest else stamp
