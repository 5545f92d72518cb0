"""`-- dbops:…` directives in SQL comments (DESIGN §1): one syntax everywhere.

- `-- dbops:no-transaction` in the file header: run the file outside a transaction.
- `-- dbops:type dml|ddl` in the file header: override the change type from the file name.
- `-- dbops:ignore RULE[, RULE…]` on the line above a statement suppresses those rules for it;
  in the file header (before the first statement) for the whole file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Case and the spacing around `dbops:` are forgiven (`-- DBOPS: Ignore x` is an ignore): a
# directive that silently does nothing is worse than a strict parser. After a space, only a
# known name is a directive, so prose like `-- dbops: see ticket 12` stays a comment.
_DIRECTIVE = re.compile(r"^\s*--\s*dbops:(\s*)([a-z][a-z_-]*)\s*(.*?)\s*$", re.IGNORECASE)
_MENTION = re.compile("dbops:", re.IGNORECASE)
KNOWN_DIRECTIVES = ("ignore", "no-transaction", "type")


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
    # Lines as statement positions count them: on \n only (splitlines also breaks on \x0c,
    # \u2028 …, which would bind an ignore to the wrong statement).
    for number, line in enumerate(text.split("\n"), start=1):
        if not _MENTION.search(line):
            continue
        match = _DIRECTIVE.match(line)
        if match is None:
            continue
        spaced, name, argument = match.group(1), match.group(2).lower(), match.group(3)
        if spaced and name not in KNOWN_DIRECTIVES:
            continue
        found.append(Directive(name, argument, number))
    return found


def split_rule_list(argument: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in re.split(r"[,\s]+", argument) if part.strip())
