"""Markdown text from untrusted strings (file paths, SQL fragments in messages).

Anything a migration file contains may end up in a finding's message. Rendered into a PR
comment it must stay text: no emphasis, headings, tables, links, images, HTML or @mentions.
Backslash escapes cover the characters that both CommonMark and Python-Markdown honour;
`<`/`>` become entities; mentions, autolinks and `www.` links are broken with a zero-width space,
which readers do not see.
"""

from __future__ import annotations

import re

ZERO_WIDTH_SPACE = "\u200b"
# Only characters that can start markup in the middle of a line: text from the repository never
# starts a line of the comment, so list markers, headings and rules cannot be formed anyway.
_BACKSLASHED = frozenset("\\`*_{}[]()|")
_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
_AUTOLINK = re.compile(r"(?i)(:)(//)|(www)(\.)")


def escape_text(text: str, limit: int | None = None) -> str:
    """`text` as inline markdown that renders literally, on one line, cut at `limit` chars."""
    flat = " ".join(text.split())
    if limit is not None and len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    escaped = "".join(_escape_char(char) for char in flat)
    return _AUTOLINK.sub(_break_link, escaped)


def _escape_char(char: str) -> str:
    if char in _BACKSLASHED:
        return "\\" + char
    if char in _ENTITIES:
        return _ENTITIES[char]
    if char == "@":
        return "@" + ZERO_WIDTH_SPACE
    return char


def _break_link(match: re.Match[str]) -> str:
    if match.group(1):
        return match.group(1) + ZERO_WIDTH_SPACE + match.group(2)
    return match.group(3) + ZERO_WIDTH_SPACE + match.group(4)
