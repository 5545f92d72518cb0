"""Shadow names: a recognisable prefix and the moment of creation, so that a run can tell a
shadow another run left behind (killed before it could drop it) from its own."""

from __future__ import annotations

import re
import secrets
from datetime import UTC, datetime, timedelta

SHADOW_PREFIX = "dbops_shadow_"
# A shadow older than this is dropped by the next run even when its owner looks alive (a
# pooled connection can keep a dead run's session open).
STALE_AFTER = timedelta(hours=1)
_NAME = re.compile(rf"^{SHADOW_PREFIX}(\d{{14}})_[0-9a-f]+$")


def shadow_name(now: datetime) -> str:
    """`dbops_shadow_<yyyymmddhhmmss>_<random>`, the time in UTC."""
    return f"{SHADOW_PREFIX}{now.astimezone(UTC):%Y%m%d%H%M%S}_{secrets.token_hex(4)}"


def created_at(name: str) -> datetime | None:
    """When the shadow `name` was created, or None when it is no shadow name."""
    match = _NAME.match(name)
    if match is None:
        return None
    try:
        return datetime.strptime(match.group(1), "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def is_shadow_name(name: str) -> bool:
    return created_at(name) is not None


def is_old(name: str, now: datetime) -> bool:
    """Whether the shadow `name` is older than `STALE_AFTER`."""
    created = created_at(name)
    return created is not None and now - created > STALE_AFTER
