"""`-- dbops:…` directives in SQL comments (DESIGN §1): one syntax everywhere.

- `-- dbops:no-transaction` in the file header: run the file outside a transaction.
- `-- dbops:type dml|ddl` in the file header: override the change type from the file name.
- `-- dbops:ignore RULE[, RULE…]` on the line above a statement suppresses those rules for it;
  in the file header (before the first statement) for the whole file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DIRECTIVE = re.compile(r"^\s*--\s*dbops:([a-z-]+)\s*(.*?)\s*$")


@dataclass(frozen=True)
class Directive:
    name: str
    argument: str
    line: int  # 1-based


@dataclass(frozen=True)
class Ignore:
    """An ignore directive: the rules it names and the line it stands on."""

    rules: tuple[str, ...]
    line: int
    file_wide: bool


def scan_directives(text: str) -> list[Directive]:
    """Every `-- dbops:` comment line with its line number."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if "dbops:" not in line:
            continue
        match = _DIRECTIVE.match(line)
        if match:
            found.append(Directive(match.group(1), match.group(2), number))
    return found


def split_rule_list(argument: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in re.split(r"[,\s]+", argument) if part.strip())
