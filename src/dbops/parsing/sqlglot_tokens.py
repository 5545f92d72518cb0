"""A statement's sqlglot tokens, read by the MySQL and SQLite normalizers only.

sqlglot's trees do not say where every node stands, and keep some statements as opaque
commands; the tokens do. `Reader` indexes one statement's tokens once: token positions as
offsets into the statement's text, matching parentheses, top-level comma splits, spans and the
text as written between two tokens.
"""

from __future__ import annotations

import bisect
import re

from sqlglot import exp
from sqlglot.errors import TokenError
from sqlglot.tokenizer_core import Token, TokenType

from dbops.core.sql import ParsedStatement, get_dialect
from dbops.core.sql_split import QUOTED
from dbops.core.statements import Span
from dbops.parsing.positions import Locator

INTERVAL_UNITS = frozenset(
    [
        *("MICROSECOND", "SECOND", "MINUTE", "HOUR", "DAY", "WEEK", "MONTH", "QUARTER", "YEAR"),
        *("SECOND_MICROSECOND", "MINUTE_SECOND", "HOUR_MINUTE", "DAY_HOUR", "YEAR_MONTH"),
        *("MINUTE_MICROSECOND", "HOUR_SECOND", "HOUR_MICROSECOND", "DAY_MINUTE", "DAY_SECOND"),
    ]
)


class TrailingText(Exception):
    """Text where the grammar allows none (`ADD COLUMN a INT garbage`, SQLite `int(11)
    unsigned`): the statement is a syntax error at token `index`."""

    def __init__(self, index: int) -> None:
        super().__init__(index)
        self.index = index


class Reader:
    """One statement's tokens, its locator, and how its dialect folds names."""

    def __init__(
        self, statement: ParsedStatement, locator: Locator, dialect: str, parser_dialect: str = ""
    ) -> None:
        self.statement = statement
        self.locator = locator
        self.dialect = dialect  # how names fold: "mysql" (every other sqlglot dialect) or "sqlite"
        self.parser_dialect = parser_dialect or dialect  # the sqlglot dialect that parsed it
        # raw: as sqlglot's parser takes them; tokens: one per word (`PRIMARY KEY`, `DOUBLE
        # PRECISION`, `PARTITION BY` are single keyword tokens in sqlglot)
        self.raw_tokens: tuple[Token, ...] = _command_tokens(statement, self.parser_dialect)
        self.tokens, self._origin = _word_tokens(self.raw_tokens)
        self._base = self.tokens[0].start if self.tokens else 0
        self._starts = [token.start for token in self.tokens]
        self._partner = _matching_parentheses(self.tokens)
        self._ranges: dict[int, tuple[int, int] | None] = {}
        self._spans: dict[tuple[int, int], Span] = {}
        self._words: list[str] | None = None

    # --- tokens -------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.tokens)

    def word(self, index: int) -> str:
        """The upper-cased text of a token that is not quoted ("" for quoted or out of range)."""
        if self._words is None:  # computed on first use: a large INSERT never asks
            self._words = ["" if t.token_type in QUOTED else t.text.upper() for t in self.tokens]
        return self._words[index] if 0 <= index < len(self._words) else ""

    def words(self, start: int, count: int) -> tuple[str, ...]:
        return tuple(self.word(i) for i in range(start, start + count))

    def type_at(self, index: int) -> TokenType | None:
        return self.tokens[index].token_type if 0 <= index < len(self.tokens) else None

    def partner(self, index: int) -> int:
        """The index of the parenthesis matching the one at `index` (itself if unmatched)."""
        return self._partner.get(index, index)

    def index_at(self, file_offset: int) -> int:
        """The index of the token that starts at or before `file_offset` (a file offset)."""
        return max(0, bisect.bisect_right(self._starts, file_offset) - 1)

    def find(self, word: str, start: int, end: int) -> int | None:
        """The first token `word` at depth 0 between `start` and `end` (inclusive)."""
        index = start
        while index <= end:
            if self.word(index) == word:
                return index
            index = self.partner(index) + 1 if self.is_open(index) else index + 1
        return None

    def is_open(self, index: int) -> bool:
        return self.type_at(index) == TokenType.L_PAREN

    def is_close(self, index: int) -> bool:
        return self.type_at(index) == TokenType.R_PAREN

    def split(self, start: int, end: int, separator: TokenType = TokenType.COMMA) -> list[range]:
        """The token ranges between `separator`s at depth 0 from `start` to `end` inclusive."""
        parts: list[range] = []
        index, first = start, start
        while index <= end:
            if self.is_open(index):
                index = self.partner(index) + 1
                continue
            if self.type_at(index) == separator:
                parts.append(range(first, index))
                first = index + 1
            index += 1
        parts.append(range(first, end + 1))
        return [part for part in parts if len(part)]

    def raw(self, part: range) -> list[Token]:
        """sqlglot's own tokens covering the word tokens in `part`, for parsing them."""
        found: list[Token] = []
        last = -1
        for index in part:
            origin = self._origin[index]
            if origin != last:
                found.append(self.raw_tokens[origin])
                last = origin
        return found

    # --- positions and text ---------------------------------------------------------------

    def offset(self, index: int) -> int:
        """The statement-text offset where token `index` starts."""
        return self.tokens[self._clamped(index)].start - self._base

    def _clamped(self, index: int) -> int:
        if index < 0:
            return 0
        last = len(self.tokens) - 1
        return last if index > last else index

    def meta_text_span(self, node: exp.Expr) -> tuple[str, Span] | None:
        """The text and span of a node sqlglot kept a position for."""
        meta = node.meta
        if not meta or "start" not in meta:
            return None
        start, end = int(meta["start"]) - self._base, int(meta["end"]) + 1 - self._base
        return self.locator.text(start, end), self.locator.span(start, end)

    def meta_span(self, node: exp.Expr) -> Span | None:
        """The span of a node sqlglot kept a position for (identifiers, literals)."""
        meta = node.meta
        if not meta or "start" not in meta:
            return None
        start = int(meta["start"]) - self._base
        return self.locator.span(start, int(meta["end"]) + 1 - self._base)

    def end_offset(self, index: int) -> int:
        """The statement-text offset just after token `index`."""
        return self.tokens[self._clamped(index)].end + 1 - self._base

    def span(self, first: int, last: int) -> Span:
        """The span of tokens `first` to `last` inclusive."""
        if not self.tokens:
            return self.locator.whole()
        first = self._clamped(first)
        last = max(first, self._clamped(last))
        key = (first, last)
        found = self._spans.get(key)
        if found is None:
            found = self._spans[key] = self.locator.span(self.offset(first), self.end_offset(last))
        return found

    def text(self, first: int, last: int) -> str:
        """The statement's text from token `first` to token `last` inclusive, as written."""
        if first > last or not self.tokens:
            return ""
        return self.locator.text(self.offset(first), self.end_offset(last))

    def range_span(self, part: range) -> Span:
        return self.span(part.start, part.stop - 1)

    def range_text(self, part: range) -> str:
        return self.text(part.start, part.stop - 1)

    # --- nodes ----------------------------------------------------------------------------

    def node_range(self, node: exp.Expr) -> tuple[int, int] | None:
        """The tokens a node of the tree was read from: from the positions sqlglot kept on
        the node and its descendants, widened to balanced parentheses, to a function's
        argument list and to the keywords of positionless nodes (CAST, INTERVAL); None when
        no descendant has a position."""
        key = id(node)
        if key not in self._ranges:
            self._ranges[key] = self._node_range(node)
        return self._ranges[key]

    def _node_range(self, node: exp.Expr) -> tuple[int, int] | None:
        found: list[int] = []
        meta = node.meta
        if meta and "start" in meta:
            found += [self.index_at(int(meta["start"])), self.index_at(int(meta["end"]))]
        for value in node.args.values():
            for child in value if isinstance(value, list) else [value]:
                if isinstance(child, exp.Expr):
                    inner = self.node_range(child)
                    if inner is not None:
                        found += inner
        if not found:
            return None
        first, last = self._balanced(min(found), max(found))
        if isinstance(node, exp.Func | exp.Cast) and node.meta and self.is_open(last + 1):
            last = self.partner(last + 1)
        positionless = isinstance(node, exp.Cast | exp.Func) and not node.meta
        if positionless and self.is_open(first - 1) and first >= 2 and self.word(first - 2):
            # CAST(x AS t), CONVERT(…), typed functions sqlglot built without a position
            first, last = first - 2, max(last, self.partner(first - 1))
        if isinstance(node, exp.Interval):
            first -= 1 if self.word(first - 1) == "INTERVAL" else 0
            last += 1 if self.word(last + 1).rstrip("S") in INTERVAL_UNITS else 0
        if isinstance(node, exp.Is) and self.word(last + 1) == "IS":  # NULL keeps no position
            last += 3 if self.word(last + 2) == "NOT" else 2
        if isinstance(node, exp.Neg | exp.BitwiseNot | exp.Not) and first > 0:
            operator = self.tokens[first - 1].text.upper()  # `-1`, `~a`, `NOT a`, `!a`
            first -= 1 if operator in ("-", "~", "!", "NOT") else 0
        if isinstance(node, exp.Select):  # SELECT [DISTINCT …] keeps no position
            keyword = first
            while keyword > 0 and self.word(keyword) != "SELECT" and not self.is_open(keyword):
                keyword -= 1
            first = keyword if self.word(keyword) == "SELECT" else first
        wrapped = self.is_open(first - 1) and self.partner(first - 1) == last + 1
        if isinstance(node, exp.Paren | exp.Subquery) and wrapped:
            first, last = first - 1, last + 1
        return first, last

    def _balanced(self, first: int, last: int) -> tuple[int, int]:
        changed = True
        while changed:
            changed = False
            for index in range(first, last + 1):
                partner = self.partner(index)
                if partner > last:
                    last, changed = partner, True
                elif partner < first:
                    first, changed = partner, True
        return first, last

    def node_span(self, node: exp.Expr) -> Span:
        found = self.node_range(node)
        return self.span(*found) if found else self.locator.whole()

    def node_text(self, node: exp.Expr) -> str:
        """The node's text as written; for the few nodes sqlglot keeps no position for and
        that have none inside them, their own spelling (`NULL`) or sqlglot's."""
        found = self.node_range(node)
        if found is not None:
            return self.text(*found)
        if isinstance(node, exp.Null):
            return "NULL"  # generating it costs a dialect and a copy of the node
        return node.sql(dialect=self.dialect)


def _command_tokens(statement: ParsedStatement, dialect: str) -> tuple[Token, ...]:
    """The tokens with a command's arguments tokenized: sqlglot's tokenizer keeps what follows
    a command word (`RENAME`, `CALL`, `LOCK TABLES`, `OPTIMIZE`, …) as one string token."""
    tokens = statement.tokens
    if len(tokens) != 2 or tokens[1].token_type != TokenType.STRING:
        return tokens
    tokenizer_class = get_dialect(dialect).tokenizer_class
    if tokens[0].token_type not in tokenizer_class.COMMANDS:
        return tokens
    head, rest = tokens
    found = statement.text.find(rest.text, head.end + 1 - head.start)
    if found < 0:
        return tokens
    rest_start = head.start + found
    words: list[Token] = []
    for match in re.finditer(r"\S+", head.text):
        start = head.start + match.start()
        words.append(
            Token(TokenType.VAR, match.group(), start=start, end=start + len(match.group()) - 1)
        )
    try:
        inner = get_dialect(dialect).tokenize(rest.text)
    except TokenError:
        return tokens
    shifted = [
        Token(t.token_type, t.text, start=t.start + rest_start, end=t.end + rest_start)
        for t in inner
    ]
    return (*words, *shifted)


def _word_tokens(raw: tuple[Token, ...]) -> tuple[tuple[Token, ...], list[int]]:
    tokens: list[Token] = []
    origin: list[int] = []
    for index, token in enumerate(raw):
        if " " not in token.text or token.token_type in QUOTED:
            tokens.append(token)
            origin.append(index)
            continue
        for match in re.finditer(r"\S+", token.text):
            start = token.start + match.start()
            end = start + len(match.group()) - 1
            tokens.append(Token(TokenType.VAR, match.group(), start=start, end=end))
            origin.append(index)
    return tuple(tokens), origin


def _matching_parentheses(tokens: tuple[Token, ...]) -> dict[int, int]:
    partner: dict[int, int] = {}
    stack: list[int] = []
    for index, token in enumerate(tokens):
        if token.token_type == TokenType.L_PAREN:
            stack.append(index)
        elif token.token_type == TokenType.R_PAREN and stack:
            opened = stack.pop()
            partner[opened] = index
            partner[index] = opened
    return partner
