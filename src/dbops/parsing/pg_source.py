"""The statement's text as PostgreSQL's lexer sees it: tokens, names as written, element ends.

The parse tree gives locations for many nodes (character offsets: pg_nodes converts
PostgreSQL's byte offsets) but not their ends, and some nodes (ALTER TABLE actions, index and
constraint names) have no location at all. PostgreSQL's own scanner (`pglast.parser.scan`,
one C call, made only when a statement needs it) gives the tokens those are found from;
comments and dollar quotes are never mistaken for SQL.
"""

from __future__ import annotations

import bisect
import re
from functools import cached_property
from typing import Any

from dbops.core.statements import Name, ObjectName, Span
from dbops.parsing.positions import Locator

_ASCII_UPPER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_OPENERS = {"(": ")", "[": "]"}
_COMMENTS = frozenset(["C_COMMENT", "SQL_COMMENT"])
# PostgreSQL identifiers: any non-ASCII character is an identifier letter, as in its lexer.
_PLAIN = re.compile(r"[A-Za-z_\x80-\U0010ffff][A-Za-z0-9_$\x80-\U0010ffff]*")
_QUOTED = re.compile(r'"((?:[^"]|"")*)"')
_DOT = re.compile(r"\s*\.\s*")
_CLOSERS = {")", "]"}


def fold(identifier: str) -> str:
    """PostgreSQL's folding of an unquoted identifier: ASCII letters only, as in UTF-8."""
    return identifier.translate(_ASCII_UPPER)


class Token:
    """One token of PostgreSQL's scanner, with character offsets (`end` exclusive)."""

    __slots__ = ("end", "keyword", "name", "start", "text", "upper")

    def __init__(self, start: int, end: int, name: str, keyword: bool, text: str) -> None:
        self.start = start
        self.end = end
        self.name = name  # the scanner's token name: IDENT, SCONST, ASCII_44 (","), keywords
        self.keyword = keyword  # a keyword of any category
        self.text = text
        self.upper = text.upper()

    @property
    def identifier(self) -> str | None:
        """The identifier this token spells (as the engine compares it), if it can be one."""
        if self.name in ("IDENT", "UIDENT"):
            if self.text.startswith('"'):
                return self.text[1:-1].replace('""', '"')
            return fold(self.text)
        if self.keyword:
            return fold(self.text)
        return None


class Source:
    """One statement's text, its locator, and (made on first use) its tokens."""

    def __init__(self, text: str, locator: Locator, scan: Any) -> None:
        self.text = text
        self.locator = locator
        self._scan = scan

    @cached_property
    def tokens(self) -> tuple[Token, ...]:
        text = self.text
        return tuple(
            Token(
                raw.start,
                raw.end + 1,
                raw.name,
                raw.kind != "NO_KEYWORD",
                text[raw.start : raw.end + 1],
            )
            for raw in self._scan(text)
            if raw.name not in _COMMENTS
        )

    @cached_property
    def _starts(self) -> list[int]:
        return [token.start for token in self.tokens]

    def index_at(self, offset: int) -> int:
        """The index of the first token starting at or after `offset`."""
        return bisect.bisect_left(self._starts, offset)

    def span(self, start: int, end: int) -> Span:
        return self.locator.span(start, end)

    def slice(self, start: int, end: int) -> str:
        return self.text[start:end]

    # -- element extents -----------------------------------------------------------------

    def element_end(self, start: int, limit: int | None = None) -> int:
        """The end offset of the list element starting at `start`: up to (not including) the
        next top-level comma, or the parenthesis closing the list, or `limit`."""
        tokens = self.tokens
        depth = 0
        end = start
        for index in range(self.index_at(start), len(tokens)):
            token = tokens[index]
            if limit is not None and token.start >= limit:
                break
            if token.text in _OPENERS:
                depth += 1
            elif token.text in _CLOSERS:
                if depth == 0:
                    break
                depth -= 1
            elif token.text in (",", ";") and depth == 0:
                break
            end = token.end
        return end

    def group_end(self, open_index: int) -> int:
        """The index of the token closing the group opened at token `open_index`."""
        tokens = self.tokens
        depth = 0
        for index in range(open_index, len(tokens)):
            text = tokens[index].text
            if text in _OPENERS:
                depth += 1
            elif text in _CLOSERS:
                depth -= 1
                if depth == 0:
                    return index
        return len(tokens) - 1

    def list_starts(self, start: int, end: int) -> list[int]:
        """Offsets where the top-level comma-separated elements between `start` and `end`
        begin (the first at the first token at or after `start`)."""
        tokens = self.tokens
        starts: list[int] = []
        depth = 0
        expect = True
        for index in range(self.index_at(start), len(tokens)):
            token = tokens[index]
            if token.start >= end:
                break
            if expect:
                starts.append(token.start)
                expect = False
            if token.text in _OPENERS:
                depth += 1
            elif token.text in _CLOSERS:
                depth -= 1
            elif token.text == "," and depth == 0:
                expect = True
        return starts

    # -- names -----------------------------------------------------------------------------
    # (a name longer than PostgreSQL's 63 bytes is the parser's truncated value, written in
    # full: `identifier-too-long` reads the written one)

    def name_at(self, offset: int | None, value: str) -> Name:
        """The identifier `value` written at character `offset` (quoting detected from the
        text); the value alone when the text there does not spell it."""
        if offset is None or offset < 0:
            return Name(value)
        found = self._read_identifier(offset)
        if found is None:
            return Name(value)
        written, quoted, end = found
        if truncated(written if quoted else fold(written)) != value:
            return Name(value)
        return Name(value, written, quoted, self.span(offset, end))

    def object_at(self, offset: int | None, parts: list[str]) -> ObjectName:
        """A qualified name (`parts`: catalog?, schema?, name) written from `offset`."""
        names: list[Name] = []
        position = offset if offset is not None and offset >= 0 else None
        end = position or 0
        for index, value in enumerate(parts):
            if position is None:
                names.append(Name(value))
                continue
            name = self.name_at(position, value)
            names.append(name)
            if not name.span.line:
                position = None
                continue
            end = self._identifier_end(position)
            if index < len(parts) - 1:
                dot = _DOT.match(self.text, end)
                position = dot.end() if dot is not None else None
        *qualifiers, last = names
        if offset is not None and offset >= 0 and last.span.line:
            span = self.span(offset, end)
        else:
            span = names[0].span
        schema = qualifiers[-1] if qualifiers else None
        catalog = qualifiers[-2] if len(qualifiers) > 1 else None
        return ObjectName(last, schema, catalog, span)

    def find_name(self, value: str, start: int, end: int | None = None) -> tuple[Name, int]:
        """The first token at or after `start` (before `end`) spelling identifier `value`:
        the name as written and the offset after it; (the value alone, `start`) if none."""
        for index in range(self.index_at(start), len(self.tokens)):
            token = self.tokens[index]
            if end is not None and token.start >= end:
                break
            if token.identifier is not None and truncated(token.identifier) == value:
                written = token.identifier if token.text.startswith('"') else token.text
                quoted = token.text.startswith('"')
                return Name(value, written, quoted, self.span(token.start, token.end)), token.end
        return Name(value), start

    def find_object(
        self, parts: list[str], start: int, end: int | None = None
    ) -> tuple[ObjectName, int]:
        """A qualified name found from `start` on (see `find_name`)."""
        names: list[Name] = []
        position = start
        first = -1
        for value in parts:
            name, after = self.find_name(value, position, end)
            if first < 0 and name.span.line:
                first = self.index_at(position)
            names.append(name)
            position = after
        *qualifiers, last = names
        schema = qualifiers[-1] if qualifiers else None
        catalog = qualifiers[-2] if len(qualifiers) > 1 else None
        span = names[0].span
        if names[0].span.line and last.span.line:
            span = Span(span.line, span.column, last.span.end_line, last.span.end_column)
        return ObjectName(last, schema, catalog, span), position

    def keyword_after(self, start: int, words: tuple[str, ...], end: int | None = None) -> int:
        """The offset of the first token from `start` whose text is one of `words` (upper
        case), or -1."""
        for index in range(self.index_at(start), len(self.tokens)):
            token = self.tokens[index]
            if end is not None and token.start >= end:
                break
            if token.upper in words:
                return token.start
        return -1

    def _identifier_end(self, offset: int) -> int:
        found = self._read_identifier(offset)
        return found[2] if found is not None else offset

    def _read_identifier(self, offset: int) -> tuple[str, bool, int] | None:
        """(written, quoted, end offset) of the identifier starting at `offset`."""
        text = self.text
        if offset >= len(text):
            return None
        if text[offset] == '"':
            quoted = _QUOTED.match(text, offset)
            if quoted is None:
                return None
            return quoted.group(1).replace('""', '"'), True, quoted.end()
        plain = _PLAIN.match(text, offset)
        if plain is None:
            return None
        return plain.group(), False, plain.end()

    def top_keyword(self, start: int, end: int, words: tuple[str, ...]) -> int:
        """The offset of the first token between `start` and `end` outside any parenthesis
        whose text is one of `words` (upper case), or -1."""
        tokens = self.tokens
        depth = 0
        for index in range(self.index_at(start), len(tokens)):
            token = tokens[index]
            if token.start >= end:
                break
            if token.text in _OPENERS:
                depth += 1
            elif token.text in _CLOSERS:
                depth -= 1
            elif depth == 0 and token.upper in words:
                return token.start
        return -1

    def token_end(self, offset: int) -> int:
        """The offset after the token starting at or after `offset`."""
        index = self.index_at(offset)
        return self.tokens[index].end if index < len(self.tokens) else offset

    def enclosing_group(self, offset: int) -> tuple[int, int] | None:
        """(offset after "(", offset of ")") of the innermost parenthesis around `offset`."""
        tokens = self.tokens
        depth = 0
        for index in range(self.index_at(offset) - 1, -1, -1):
            text = tokens[index].text
            if text in _CLOSERS:
                depth += 1
            elif text in _OPENERS:
                if depth == 0:
                    close = self.group_end(index)
                    return tokens[index].end, tokens[close].start
                depth -= 1
        return None

    def qualified_end(self, offset: int) -> int:
        """The end of a dotted name (`t`, `s.t`, `t.*`) whose first token starts at `offset`."""
        tokens = self.tokens
        index = self.index_at(offset)
        if index >= len(tokens):
            return offset
        end = tokens[index].end
        while index + 2 < len(tokens) and tokens[index + 1].text == ".":
            index += 2
            end = tokens[index].end
        if index + 1 < len(tokens) and tokens[index + 1].text == "*":
            end = tokens[index + 1].end
        return end

    def words_after(self, start: int, end: int, count: int) -> str:
        """The text between `start` and `end` after its first `count` tokens."""
        index = self.index_at(start) + count
        if index >= len(self.tokens) or self.tokens[index].start >= end:
            return ""
        return self.text[self.tokens[index].start : end].strip()


IDENTIFIER_BYTES = 63  # PostgreSQL's NAMEDATALEN - 1


def truncated(identifier: str) -> str:
    """The identifier as PostgreSQL's lexer keeps it: at most 63 bytes, cut at a character
    boundary (the parser's values are truncated; the source text is not)."""
    encoded = identifier.encode()
    if len(encoded) <= IDENTIFIER_BYTES:
        return identifier
    return encoded[:IDENTIFIER_BYTES].decode(errors="ignore")
