"""`-- dbops:ignore`: one implementation of suppression, and the `unused-ignore` findings."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import replace

from dbops.core.directives import Ignore
from dbops.core.finding_spans import removal_of_directive
from dbops.core.findings import Finding, Level
from dbops.core.migrations import MigrationFile
from dbops.core.sql import (
    ParsedFile,
    ParsedStatement,
)
from dbops.rules.base import RuleScope
from dbops.rules.registry import RULES, lookup_rule

UNUSED_IGNORE = "unused-ignore"


def apply_ignores(
    migration: MigrationFile,
    parsed: ParsedFile,
    raw: list[tuple[Finding, ParsedStatement | None]],
    unused_level: Level | None,
    active: frozenset[str] = frozenset(),
) -> list[Finding]:
    """Drop findings an ignore directive covers; report ignores that covered nothing. An
    ignore of a rule this policy leaves off is not judged: the same file is reviewed under
    each environment's policy, and prod's stricter rules need their ignores."""
    owner = _ignore_owners(migration.ignores, parsed.statements)
    used: set[tuple[int, str]] = set()
    kept: list[Finding] = []
    for finding, statement in raw:
        covering = [
            ignore
            for ignore in migration.ignores
            if (
                ignore.file_wide
                or (statement is not None and owner.get(ignore.line) == statement.index)
            )
            and finding.rule in {canonical_rule_name(rule) for rule in ignore.rules}
        ]
        if not covering:
            kept.append(finding)
        for ignore in covering:
            for name in ignore.rules:
                if canonical_rule_name(name) == finding.rule:
                    used.add((ignore.line, name.lower()))
    if unused_level is not None:
        for ignore in migration.ignores:
            for name in ignore.rules:
                known = lookup_rule(name)
                if known is not None and known.name not in active:
                    continue  # off in this policy: whether it would suppress is unknown
                if (ignore.line, name.lower()) not in used and not judged_across_files(name):
                    finding = unused_ignore(migration.path, ignore.line, name, unused_level)
                    fix = removal_of_directive(migration.text, ignore.line, ignore.rules)
                    kept.append(replace(finding, fix=fix) if fix is not None else finding)
    return kept


def judged_across_files(rule_name: str) -> bool:
    """Whether an ignore naming this rule is judged by the cross-file checks, not here."""
    rule = lookup_rule(rule_name)
    return rule is not None and rule.scope is RuleScope.MIGRATION_SET


def unused_ignore(path: str, line: int, name: str, level: Level) -> Finding:
    """The finding for `-- dbops:ignore <name>` on `line` that suppressed nothing; a name that
    is no rule at all (a typo) says so, since the finding it meant to hide is still reported."""
    if lookup_rule(name) is None:
        close = difflib.get_close_matches(name.lower(), [rule.name for rule in RULES], n=1)
        hint = f"; did you mean '{close[0]}'?" if close else "; `dbops rules` lists them"
        message = f"'-- dbops:ignore {name}': there is no rule named '{name}'{hint}"
    else:
        message = f"'-- dbops:ignore {name}' suppresses nothing here; remove it"
    return Finding(UNUSED_IGNORE, level, path, line, 1, message)


def canonical_rule_name(name: str) -> str:
    """The dbops name a rule is reported under, for any of its spellings (Bytebase types in
    either form, redirects of renamed rules); an unknown name is returned lower-cased."""
    rule = lookup_rule(name)
    return rule.name if rule is not None else name.strip().lower()


def _ignore_owners(
    ignores: Sequence[Ignore], statements: Sequence[ParsedStatement]
) -> dict[int, int]:
    """Map each statement-level ignore's line to the index of the statement right after it."""
    owners: dict[int, int] = {}
    for ignore in ignores:
        if ignore.file_wide:
            continue
        following = next((s for s in statements if s.line > ignore.line), None)
        inside = next((s for s in statements if s.line <= ignore.line <= s.end_line), None)
        target = inside or following
        if target is not None:
            owners[ignore.line] = target.index
    return owners
