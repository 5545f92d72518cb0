"""The server a review judges for: engine and version (`--server-version`,
`review.server_version`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dbops.errors import ConfigError

# The newest version of each engine dbops models, the default when none is stated.
NEWEST: dict[str, tuple[int, ...]] = {
    "postgres": (18,),
    "mysql": (8, 4),
    "mariadb": (11, 8),
    "sqlite": (3, 46),
}
# The versions the lock model knows (older ones are judged as the oldest of these).
OLDEST: dict[str, tuple[int, ...]] = {
    "postgres": (12,),
    "mysql": (8, 0),
    "mariadb": (10, 6),
    "sqlite": (3, 35),
}
_VERSION = re.compile(r"^\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?\s*$")


@dataclass(frozen=True)
class TargetVersion:
    engine: str  # postgres, mysql, mariadb, sqlite
    version: tuple[int, ...]
    stated: bool = False  # given by the user (else dbops' default: the newest it models)

    def at_least(self, *version: int) -> bool:
        return self.version >= version

    @property
    def label(self) -> str:
        names = {"postgres": "PostgreSQL", "mysql": "MySQL", "mariadb": "MariaDB"}
        number = ".".join(str(part) for part in self.version)
        suffix = "" if self.stated else " (newest modelled; set --server-version)"
        return f"{names.get(self.engine, 'SQLite')} {number}{suffix}"


def target_version(
    engine: str, text: str | None, source: str = "--server-version"
) -> TargetVersion:
    """The target for `engine` from a version string (`15`, `8.0`, `10.11`); None: the newest.
    A version that is not a version is exit 2 naming where it was written."""
    if text is None or not str(text).strip():
        return TargetVersion(engine, NEWEST[engine])
    match = _VERSION.match(str(text))
    if match is None:
        raise ConfigError(
            f"{source}: '{text}' is not a server version; write it as MAJOR or MAJOR.MINOR "
            f"(e.g. 15 for PostgreSQL, 8.0 for MySQL, 10.11 for MariaDB)."
        )
    parts = tuple(int(part) for part in match.groups() if part is not None)
    return TargetVersion(engine, parts, stated=True)
