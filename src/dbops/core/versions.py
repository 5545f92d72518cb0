"""Migration versions from file names (DESIGN §1).

`202505141650_create_t1.sql` is version (202505141650,); `v1.10_x.sql` is (1, 10) and sorts after
(1, 9); a Flyway name `V1_1__add_users.sql` is version 1.1 because in a `V…__…` name an underscore
inside the version part separates numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import total_ordering

_PLAIN = re.compile(r"^[vV]?(\d+(?:\.\d+)*)")
_FLYWAY = re.compile(r"^[vV](\d+(?:[._]\d+)*)__")


@total_ordering
@dataclass(frozen=True)
class Version:
    """A version as written (without a leading v/V) and as a tuple of integers for ordering."""

    text: str
    parts: tuple[int, ...]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Version):
            return NotImplemented
        return self.parts < other.parts

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Version) and self.parts == other.parts

    def __hash__(self) -> int:
        return hash(self.parts)

    def __str__(self) -> str:
        return self.text


def parse_version(file_name: str) -> Version | None:
    """The version a migration file name starts with, or None when it has none."""
    flyway = _FLYWAY.match(file_name)
    if flyway:
        text = flyway.group(1).replace("_", ".")
    else:
        plain = _PLAIN.match(file_name)
        if not plain:
            return None
        text = plain.group(1)
    return Version(text=text, parts=tuple(int(part) for part in text.split(".")))


def version_from_text(text: str) -> Version:
    """A version typed by a user (`--to 1.2`, a manifest); raises ValueError if malformed."""
    cleaned = text.strip().lstrip("vV")
    if not re.fullmatch(r"\d+(\.\d+)*", cleaned):
        raise ValueError(f"'{text}' is not a version (expected numbers separated by dots)")
    return Version(text=cleaned, parts=tuple(int(part) for part in cleaned.split(".")))


def description_from_name(file_name: str) -> str:
    """`202505141650_create_table_t1.sql` -> `create table t1`."""
    stem = file_name.removesuffix(".sql")
    flyway = _FLYWAY.match(stem)
    rest = stem[flyway.end() :] if flyway else re.sub(r"^[vV]?\d+(?:\.\d+)*", "", stem)
    rest = re.sub(r"_(ddl|dml)$", "", rest)
    return rest.strip("_-. ").replace("_", " ")
