"""Where one statement of a file ends and the next begins, from the tokens of the whole file.

Three conventions beyond "a semicolon ends a statement":

- The mysql client's `DELIMITER //` lines (used with Flyway, Liquibase, dbmate): the lines
  themselves are not statements, and until the next `DELIMITER ;` statements end at `//`, so a
  routine body's own semicolons stay inside it. `mask_delimiters` finds them in the text (the
  client does the same, before any SQL parsing) and notes where statements end, so the file
  still tokenizes once and every offset stays the file's own.
- A routine with a compound body and no DELIMITER (`CREATE PROCEDURE … BEGIN …; …; END;`,
  SQLite's `CREATE TRIGGER … BEGIN …; END;`, PostgreSQL's `BEGIN ATOMIC … END`): the
  semicolons inside BEGIN … END (and IF/CASE/LOOP/WHILE/REPEAT … END …) do not end it. This is
  decided from the tokens' nesting, and only when the nesting closes before the file ends;
  otherwise the semicolons split as usual.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from sqlglot.tokenizer_core import Token, TokenType

QUOTED = frozenset(
    [
        TokenType.STRING,
        TokenType.IDENTIFIER,
        TokenType.BIT_STRING,
        TokenType.HEX_STRING,
        TokenType.BYTE_STRING,
        TokenType.NATIONAL_RAW_STRING,
        TokenType.NATIONAL_STRING,
        TokenType.RAW_STRING,
        TokenType.HEREDOC_STRING,
        TokenType.UNICODE_STRING,
    ]
)
ROUTINE_WORDS = frozenset(["PROCEDURE", "FUNCTION", "TRIGGER", "EVENT"])
NOT_A_ROUTINE = frozenset(["TABLE", "VIEW", "INDEX", "AS", "SELECT", "SCHEMA", "DATABASE"])
# Compound statements that open a block only where a statement starts (IF(…) is a function,
# `IF EXISTS` a DDL clause, REPEAT(…) a function); each is closed by `END <word>`.
STATEMENT_BLOCKS = frozenset(["IF", "LOOP", "WHILE", "REPEAT"])
# Words after which a new statement of a routine body starts (":" follows a label).
BODY_STATEMENT_START = frozenset([";", "BEGIN", "THEN", "ELSE", "DO", "ROW", "LOOP", "REPEAT", ":"])

_DIRECTIVE = re.compile(r"^[ \t]*DELIMITER[ \t]+\S", re.IGNORECASE | re.MULTILINE)
# What the mysql client skips while looking for the delimiter: quoted text and comments.
_SKIPPED = (
    r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|/\*.*?\*/|#[^\n]*|--(?=[ \t\r\n]|$)[^\n]*"
)
_DIRECTIVE_LINE = r"^[ \t]*DELIMITER[ \t]+(?P<new>\S+)[^\n]*"


@dataclass(frozen=True)
class Chunk:
    """One statement's tokens; `compound` when semicolons inside it do not end it."""

    tokens: list[Token]
    compound: bool = False


@dataclass(frozen=True)
class MaskedText:
    """The file with each DELIMITER line and custom delimiter turned into a semicolon and spaces
    (same length, same lines), and the offsets where statements end."""

    text: str
    ends: list[int]


def mask_delimiters(text: str) -> MaskedText | None:
    """The file as the mysql client splits it, or None when it has no DELIMITER line."""
    if not _DIRECTIVE.search(text):
        return None
    pieces: list[str] = []
    ends: list[int] = []
    delimiter, position, done = ";", 0, 0
    pattern = _scanner(delimiter)
    while (match := pattern.search(text, position)) is not None:
        position = max(match.end(), position + 1)
        if match.lastgroup == "skip":
            continue
        # A semicolon in the delimiter's place: sqlglot's tokenizer ends a statement there (it
        # reads CALL's or SHOW's arguments up to one), and offsets stay the file's.
        pieces.extend([text[done : match.start()], ";", _blank(match.group()[1:])])
        done = match.end()
        if match.lastgroup == "directive":
            delimiter = match.group("new")
            pattern = _scanner(delimiter)
        ends.append(match.start())
    pieces.append(text[done:])
    return MaskedText("".join(pieces), ends)


def _scanner(delimiter: str) -> re.Pattern[str]:
    return re.compile(
        f"(?P<skip>{_SKIPPED})|(?P<directive>{_DIRECTIVE_LINE})|(?P<end>{re.escape(delimiter)})",
        re.IGNORECASE | re.MULTILINE | re.DOTALL,
    )


def _blank(piece: str) -> str:
    return re.sub(r"[^\n]", " ", piece)


def split_at_offsets(tokens: list[Token], ends: list[int]) -> list[Chunk]:
    """Statements of a masked file: tokens between two statement ends. Semicolons left in one
    are a routine body's (the delimiter was something else there)."""
    groups: dict[int, list[Token]] = {}
    at_ends = set(ends)
    for token in tokens:
        if token.token_type == TokenType.SEMICOLON and token.start in at_ends:
            continue
        groups.setdefault(bisect.bisect_right(ends, token.start), []).append(token)
    return [
        Chunk(group, compound=any(t.token_type == TokenType.SEMICOLON for t in group))
        for _, group in sorted(groups.items())
    ]


def split_on_semicolons(tokens: list[Token]) -> list[Chunk]:
    """Statements ended by semicolons, keeping a routine's compound body whole."""
    pieces = _semicolon_pieces(tokens)
    chunks: list[Chunk] = []
    index = 0
    while index < len(pieces):
        last = _compound_end(pieces, index) if _is_routine(pieces[index]) else index
        merged = [token for piece in pieces[index : last + 1] for token in piece]
        if merged[-1].token_type == TokenType.SEMICOLON:
            merged.pop()
        chunks.append(Chunk(merged, compound=last > index))
        index = last + 1
    return chunks


def _semicolon_pieces(tokens: list[Token]) -> list[list[Token]]:
    """Runs of tokens between semicolons; each but the last keeps its closing semicolon, which
    a merged routine body needs inside it."""
    pieces: list[list[Token]] = []
    current: list[Token] = []
    for token in tokens:
        if token.token_type == TokenType.SEMICOLON:
            if current:
                current.append(token)
                pieces.append(current)
            current = []
        else:
            current.append(token)
    if current:
        pieces.append(current)
    return pieces


def _words(tokens: list[Token]) -> list[str]:
    return [
        ";" if t.token_type == TokenType.SEMICOLON else t.text.upper()
        for t in tokens
        if t.token_type not in QUOTED
    ]


def _is_routine(piece: list[Token]) -> bool:
    words = _words(piece[:16])
    if not words or words[0] != "CREATE":
        return False
    for word in words[1:]:
        if word in ROUTINE_WORDS:
            return True
        if word in NOT_A_ROUTINE:
            return False
    return False


def _compound_end(pieces: list[list[Token]], first: int) -> int:
    """The index of the piece that closes the compound body opened in `pieces[first]`; `first`
    itself when it opens none, or when the nesting never closes (then semicolons split)."""
    depth, previous = 0, ";"
    for index in range(first, len(pieces)):
        words = _words(pieces[index])
        for position, word in enumerate(words):
            following = words[position + 1] if position + 1 < len(words) else ""
            depth += _nesting_change(word, previous, following)
            if depth < 0:
                return first
            previous = word
        if depth == 0:
            return index
    return first


def _nesting_change(word: str, previous: str, following: str) -> int:
    if previous == "END":
        return 0  # END IF / END CASE / END LOOP: the word closes, it opens nothing
    if word == "END":
        return -1
    if word in ("BEGIN", "CASE"):
        return 1
    if word in STATEMENT_BLOCKS and previous in BODY_STATEMENT_START and following != "(":
        return 1
    return 0
