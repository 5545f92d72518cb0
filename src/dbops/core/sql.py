"""SQL text to statements with positions, through sqlglot. Each file is tokenized once.

A statement sqlglot cannot parse becomes a `ParsedStatement` with `error` set (the review turns
it into a `syntax-error` finding); a statement sqlglot keeps only as an opaque `exp.Command`
(VACUUM, ALTER TYPE, many ALTER TABLE forms) has `opaque` set: rules that need a syntax tree skip
it, rules that read tokens and text still decide it.
"""

from __future__ import annotations

import bisect
import logging
from dataclasses import dataclass, field
from functools import cache, cached_property
from itertools import accumulate

from sqlglot import Dialect, exp
from sqlglot.errors import ParseError, TokenError
from sqlglot.parser import Parser
from sqlglot.tokenizer_core import Token, TokenType

# sqlglot logs a warning for every statement it keeps as a Command; the review reports those
# knowingly, so the log line would only be noise on a user's terminal.
logging.getLogger("sqlglot").setLevel(logging.ERROR)

# Statements sqlglot has no keyword for: its parser reads the first word as a column name. These
# words really start statements (PostgreSQL, MySQL, SQLite); any other leading plain word is a
# typo, reported as a syntax error instead of silently accepted as an expression.
STATEMENT_WORDS = frozenset(
    [
        "ABORT",
        "CHECKPOINT",
        "CLOSE",
        "CLUSTER",
        "DEALLOCATE",
        "DECLARE",
        "DISCARD",
        "FETCH",
        "FLUSH",
        "HANDLER",
        "IMPORT",
        "INSTALL",
        "KILL",
        "LISTEN",
        "LOAD",
        "MOVE",
        "NOTIFY",
        "OPTIMIZE",
        "PREPARE",
        "PURGE",
        "REASSIGN",
        "RELEASE",
        "RENAME",
        "REPAIR",
        "REPLACE",
        "RESTART",
        "SAVEPOINT",
        "SECURITY",
        "SHUTDOWN",
        "START",
        "STOP",
        "UNINSTALL",
        "UNLISTEN",
        "UNLOCK",
        "XA",
    ]
)

DIALECT_ALIASES = {"postgresql": "postgres", "pg": "postgres", "mariadb": "mysql"}


@dataclass(frozen=True)
class ParsedStatement:
    """One statement of a file: its text, where it starts, and its syntax tree if it has one."""

    index: int  # 0-based position in the file
    text: str
    line: int  # 1-based line of the first token
    column: int  # 1-based column of the first token
    end_line: int
    tokens: tuple[Token, ...] = field(repr=False)
    tree: exp.Expression | None = field(default=None, repr=False)
    error: str | None = None

    @property
    def opaque(self) -> bool:
        """sqlglot kept this statement as a Command: only text and tokens are known."""
        return isinstance(self.tree, exp.Command)

    @cached_property
    def keywords(self) -> tuple[str, ...]:
        """Upper-cased token texts, for rules that decide opaque statements from tokens
        (computed once: many rules read them)."""
        return tuple(token.text.upper() for token in self.tokens)


@dataclass(frozen=True)
class ParsedFile:
    statements: tuple[ParsedStatement, ...]
    error: str | None = None  # the file could not even be tokenized
    error_line: int = 1


def dialect_name(name: str) -> str:
    return DIALECT_ALIASES.get(name.lower(), name.lower())


@cache
def get_dialect(name: str) -> Dialect:
    """The sqlglot dialect for a dbops dialect name; raises ValueError for an unknown one."""
    return Dialect.get_or_raise(dialect_name(name))


class _LineIndex:
    def __init__(self, text: str) -> None:
        # Offsets where lines start, from the lines' lengths (in C, not a loop over characters).
        self._starts = [0, *accumulate(len(line) + 1 for line in text.split("\n"))]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


def parse_sql(text: str, dialect: str) -> ParsedFile:
    """Split `text` into statements and parse each one on its own, so one bad statement does not
    hide the others."""
    sqlglot_dialect = get_dialect(dialect)
    lines = _LineIndex(text)
    try:
        tokens = sqlglot_dialect.tokenize(text)
    except TokenError as exc:
        return ParsedFile(statements=(), error=str(exc), error_line=_token_error_line(str(exc)))
    parser = sqlglot_dialect.parser()  # reset by every parse: one per file is enough
    statements: list[ParsedStatement] = []
    for chunk in _split_on_semicolons(tokens):
        start, end = chunk[0].start, chunk[-1].end
        line, column = lines.position(start)
        end_line, _ = lines.position(end)
        statement_text = text[start : end + 1]
        tree, error = _parse_chunk(parser, chunk, text)
        if chunk[0].token_type == TokenType.VAR and not isinstance(tree, exp.Command):
            tree, error = _leading_word(chunk, statement_text, tree, error)
        statements.append(
            ParsedStatement(
                index=len(statements),
                text=statement_text,
                line=line,
                column=column,
                end_line=end_line,
                tokens=tuple(chunk),
                tree=tree,
                error=error,
            )
        )
    return ParsedFile(statements=tuple(statements))


def _split_on_semicolons(tokens: list[Token]) -> list[list[Token]]:
    chunks: list[list[Token]] = []
    current: list[Token] = []
    for token in tokens:
        if token.token_type == TokenType.SEMICOLON:
            if current:
                chunks.append(current)
            current = []
        else:
            current.append(token)
    if current:
        chunks.append(current)
    return chunks


def _parse_chunk(
    parser: Parser, chunk: list[Token], text: str
) -> tuple[exp.Expression | None, str | None]:
    """Parse one statement's tokens; `text` is the whole file, which the tokens' offsets index."""
    try:
        trees = parser.parse(chunk, text)
    except ParseError as exc:
        details = exc.errors[0] if exc.errors else {}
        description = details.get("description") or str(exc).splitlines()[0]
        return None, str(description)
    except (TokenError, RecursionError, ValueError) as exc:
        return None, str(exc).splitlines()[0]
    tree = trees[0] if trees else None
    return (tree if isinstance(tree, exp.Expression) else None), None


def _leading_word(
    chunk: list[Token], statement_text: str, tree: exp.Expression | None, error: str | None
) -> tuple[exp.Expression | None, str | None]:
    word = chunk[0].text.upper()
    if word in STATEMENT_WORDS:
        rest = statement_text[len(chunk[0].text) :].strip()
        command: exp.Expression = exp.Command(this=word, expression=exp.Literal.string(rest))
        return command, None
    if tree is not None or error is None:
        return None, f"'{chunk[0].text}' does not start a SQL statement"
    return tree, error


def _token_error_line(message: str) -> int:
    marker = "Line "
    if marker in message:
        digits = message.split(marker, 1)[1].split(",", 1)[0].strip()
        if digits.isdigit():
            return int(digits)
    return 1


def node_line(node: exp.Expression, statement: ParsedStatement) -> int:
    """The line a node of a statement's tree stands on (its first identifier with a position)."""
    for candidate in node.walk():
        meta = candidate.meta if isinstance(candidate, exp.Expression) else None
        if meta and "line" in meta:
            return int(meta["line"])
    return statement.line
