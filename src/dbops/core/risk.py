"""Risk level of a statement (DESIGN §3): high for what destroys data wholesale, moderate for what
rewrites, renames or locks existing data, low for the rest. Decided from the leading keywords
(and the tree where sqlglot built one), so that opaque statements of any dialect are rated too."""

from __future__ import annotations

from sqlglot import exp

from dbops.core.findings import Risk
from dbops.core.sql import ParsedStatement

_HIGH_DROP_KINDS = frozenset({"TABLE", "SCHEMA", "DATABASE"})
# Words between DROP and the object kind that do not change what is dropped.
_DROP_MODIFIERS = frozenset({"IF", "EXISTS", "ONLINE", "OFFLINE"})
# Statements that change existing rows: DML, MySQL's REPLACE (delete + insert), upserts.
_MODERATE_FIRST_WORDS = frozenset({"DELETE", "UPDATE", "MERGE", "REPLACE", "UPSERT"})


def statement_risk(statement: ParsedStatement) -> Risk:
    keywords = statement.keywords
    first = keywords[0] if keywords else ""
    second = keywords[1] if len(keywords) > 1 else ""
    tree = statement.tree
    if first == "TRUNCATE" or isinstance(tree, exp.TruncateTable):
        return Risk.HIGH
    if first == "DROP":
        return _drop_risk(keywords)
    if first in _MODERATE_FIRST_WORDS or isinstance(tree, exp.Delete | exp.Update | exp.Merge):
        return Risk.MODERATE
    if first == "ALTER" and _alters_table(keywords):
        return _alter_table_risk(keywords)
    if first == "RENAME" and second.startswith("TABLE"):
        return Risk.MODERATE  # MySQL `RENAME TABLE a TO b` (sqlglot keeps the rest as one token)
    if first == "INSERT" and _upserts(statement):
        return Risk.MODERATE
    return Risk.LOW


def _drop_risk(keywords: tuple[str, ...]) -> Risk:
    words = [word for word in keywords[1:] if word not in _DROP_MODIFIERS]
    kind = words[0] if words else ""
    if kind in ("TEMPORARY", "TEMP"):
        return Risk.LOW  # a session's own scratch table (MySQL `DROP TEMPORARY TABLE`)
    if kind in _HIGH_DROP_KINDS or kind == "OWNED":  # PostgreSQL `DROP OWNED BY role`
        return Risk.HIGH
    if kind == "INDEX":
        return Risk.MODERATE
    return Risk.LOW


def _alters_table(keywords: tuple[str, ...]) -> bool:
    """`ALTER TABLE`, and MySQL/MariaDB's `ALTER IGNORE|ONLINE TABLE`."""
    rest = [word for word in keywords[1:3] if word not in ("IGNORE", "ONLINE")]
    return bool(rest) and rest[0] == "TABLE"


def _alter_table_risk(keywords: tuple[str, ...]) -> Risk:
    """Moderate, but dropping or truncating partitions destroys their rows wholesale."""
    for position, word in enumerate(keywords):
        if word in ("DROP", "TRUNCATE") and keywords[position + 1 : position + 2] == ("PARTITION",):
            return Risk.HIGH
    return Risk.MODERATE


def _upserts(statement: ParsedStatement) -> bool:
    """`INSERT … ON DUPLICATE KEY UPDATE`, `ON CONFLICT … DO UPDATE` and SQLite's
    `INSERT OR REPLACE` also rewrite or delete existing rows."""
    words = statement.keywords
    if words[1:3] == ("OR", "REPLACE"):
        return True
    return "UPDATE" in words and ("DUPLICATE" in words or "CONFLICT" in words)


def highest(risks: list[Risk]) -> Risk:
    return max(risks, key=lambda risk: risk.rank, default=Risk.LOW)
