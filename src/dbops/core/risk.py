"""Risk level of a statement (DESIGN §3): high for what destroys data wholesale, moderate for what
rewrites or locks existing data, low for the rest."""

from __future__ import annotations

from sqlglot import exp

from dbops.core.findings import Risk
from dbops.core.sql import ParsedStatement

_HIGH_DROP_KINDS = {"TABLE", "SCHEMA", "DATABASE"}


def statement_risk(statement: ParsedStatement) -> Risk:
    keywords = statement.keywords
    first = keywords[0] if keywords else ""
    second = keywords[1] if len(keywords) > 1 else ""
    tree = statement.tree
    if first == "TRUNCATE" or isinstance(tree, exp.TruncateTable):
        return Risk.HIGH
    if first == "DROP":
        kind = second
        if kind in ("TEMPORARY", "TEMP") and len(keywords) > 2:
            kind = keywords[2]
        if kind in _HIGH_DROP_KINDS:
            return Risk.HIGH
        if kind == "INDEX":
            return Risk.MODERATE
        return Risk.LOW
    if first in ("DELETE", "UPDATE", "MERGE") or isinstance(tree, exp.Delete | exp.Update):
        return Risk.MODERATE
    if first == "ALTER" and second == "TABLE":
        return Risk.MODERATE
    return Risk.LOW


def highest(risks: list[Risk]) -> Risk:
    return max(risks, key=lambda risk: risk.rank, default=Risk.LOW)
