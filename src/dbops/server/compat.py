"""Which Bytebase server versions dbops speaks to.

The window starts at 3.13: in early 2026 the v1 API moved `Release.File.type` up to
`Release.type` (bytebase/bytebase#19367: a 3.12.1 server rejects the new shape with
"unexpected file type TYPE_UNSPECIFIED"), and dbops sends the new shape. It ends before 4.0,
Bytebase's next major version, whose API dbops has not been checked against.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MIN_VERSION = (3, 13, 0)
MAX_MAJOR = 3
SUPPORTED = "Bytebase 3.13.0 or a newer 3.x release (or Bytebase Cloud)"
_SEMVER = re.compile(r"^v?(\d+)\.(\d+)(?:\.(\d+))?")


@dataclass(frozen=True)
class VersionVerdict:
    supported: bool
    note: str = ""  # a warning to show when the version could not be compared


def judge_server_version(version: str) -> VersionVerdict:
    """Whether a server reporting `version` (`/v1/actuator/info`) is inside the window."""
    text = version.strip()
    match = _SEMVER.match(text)
    if match is None:
        if text.startswith("cloud-"):
            return VersionVerdict(True)  # Bytebase Cloud runs the current API
        return VersionVerdict(
            True,
            f"Bytebase reports version '{text or 'unknown'}', which dbops cannot compare; "
            f"dbops is made for {SUPPORTED}.",
        )
    found = (int(match.group(1)), int(match.group(2)), int(match.group(3) or 0))
    return VersionVerdict(found >= MIN_VERSION and found[0] <= MAX_MAJOR)


def unsupported_message(version: str, url: str) -> str:
    return (
        f"the Bytebase server at {url} runs version {version}, which dbops does not support: "
        f"dbops works with {SUPPORTED}. Upgrade the server, or use the embedded engine by "
        f"removing 'server:' from dbops.yaml."
    )
