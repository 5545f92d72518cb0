"""The key a review result is cached under: everything the result depends on, hashed.

A review is a function of the migrations (every field of every file, in order: earlier files
build the schema later ones are judged against), the selection, the policy as resolved (each
rule's level and options), the dialect, the server version locks are judged for, and the code
that reviews: dbops' version and the parsers' (sqlglot, pglast, SQLite's engine, which judges
what sqlglot rejects). Any change to one of these is another key, so a cached result is always
the one a fresh review would produce.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

from dbops import __version__
from dbops.core.migrations import MigrationFile
from dbops.core.policy import ActivePolicy


def review_key(
    migrations: Iterable[MigrationFile],
    selected: Sequence[str] | None,
    policy: ActivePolicy,
    dialect: str,
    target: object,
    engines: Sequence[str],
) -> str:
    digest = hashlib.sha256()

    def add(part: str) -> None:
        encoded = part.encode("utf-8", "surrogatepass")
        digest.update(len(encoded).to_bytes(8, "little"))
        digest.update(encoded)

    add(f"dbops {__version__}")
    for engine in engines:
        add(engine)
    add(dialect)
    add(repr(target))
    add(repr(None if selected is None else tuple(selected)))
    add(policy.name)
    for active in policy.rules:
        add(f"{active.rule.name}={active.level}:{active.rule.options!r}")
    for migration in migrations:
        add(repr(migration))  # a frozen dataclass: every field, the text included
    return digest.hexdigest()
