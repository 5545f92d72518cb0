"""The name of the next migration file (`dbops new`). Pure: the clock is passed in."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import datetime

from dbops.core.migrations import MigrationFile

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
