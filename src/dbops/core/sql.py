"""SQL text to statements with positions, through sqlglot. Each file is tokenized once.

A statement sqlglot cannot parse becomes a `ParsedStatement` with `error` set (the review turns
it into a `syntax-error` finding); a statement sqlglot keeps only as an opaque `exp.Command`
(VACUUM, ALTER TYPE, many ALTER TABLE forms) has `opaque` set: rules that need a syntax tree skip
it, rules that read tokens and text still decide it.
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from itertools import accumulate
from typing import Protocol

from sqlglot import Dialect, exp
from sqlglot.errors import ParseError, TokenError
from sqlglot.parser import Parser
from sqlglot.tokenizer_core import Token, TokenType

from dbops.core.sql_split import (
    QUOTED,
    Chunk,
    mask_delimiters,
    split_at_offsets,
    split_on_semicolons,
)
from dbops.core.sqlite_types import join_type_names

# sqlglot logs a warning for every statement it keeps as a Command; the review reports those
# knowingly, so the log line would only be noise on a user's terminal.
logging.getLogger("sqlglot").setLevel(logging.ERROR)

# Statements sqlglot has no keyword for: its parser reads the first word as a column name. These
# words really start statements (PostgreSQL, MySQL, SQLite); any other leading plain word is a
# typo, reported as a syntax error instead of silently accepted as an expression.
STATEMENT_WORDS = frozenset(
    [
        "ABORT",
        "CHECK",
        "CHECKPOINT",
        "CHECKSUM",
        "CLOSE",
        "CLUSTER",
        "DEALLOCATE",
        "DECLARE",
        "DISCARD",
        "DO",
        "FETCH",
        "FLUSH",
        "GET",
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
        "RESIGNAL",
        "RESTART",
        "SAVEPOINT",
        "SECURITY",
        "SHUTDOWN",
        "SIGNAL",
        "START",
        "STOP",
        "UNINSTALL",
        "UNLISTEN",
        "UNLOCK",
        "XA",
    ]
)

# Statements sqlglot has a token for but no parser in every dialect (MySQL's LOAD DATA INFILE).
UNMODELLED_STATEMENTS = frozenset([TokenType.LOAD])

DIALECT_ALIASES = {"postgresql": "postgres", "pg": "postgres", "mariadb": "mysql"}

# MySQL partition maintenance (`ALTER TABLE t DROP PARTITION p1`): sqlglot rejects some forms.
PARTITION_OPERATIONS = frozenset(
    [
        *("ADD", "DROP", "TRUNCATE", "DISCARD", "IMPORT", "COALESCE", "REORGANIZE", "EXCHANGE"),
        *("ANALYZE", "CHECK", "OPTIMIZE", "REBUILD", "REPAIR", "REMOVE", "CONVERT"),
    ]
)


@dataclass(frozen=True)
class Verdict:
    """A validator's judgement of one statement's text."""

    valid: bool
    message: str | None = None  # why it is invalid, in the validator's words
    offset: int | None = None  # 0-based offset in the statement's text of the error
    tree: exp.Expression | None = None  # a syntax tree, when the validator can build one


# Judges a statement sqlglot rejected, from its text; None when it cannot tell. PostgreSQL's own
# grammar (pglast, core/pg_grammar.py) judges PostgreSQL by default; SQLite's engine is an
# adapter's (adapters/sql_validators.py), handed in by the command layer with each review: no
# registry, so a verdict never depends on what ran earlier in the process.
StatementValidator = Callable[[str], Verdict | None]


def _judge_postgres() -> StatementValidator:
    from dbops.core.pg_grammar import judge_postgres  # it imports this module

    return judge_postgres


def default_validator(dialect: str) -> StatementValidator | None:
    """The validator the core itself has for a dialect: PostgreSQL's grammar, else none."""
    if dialect_name(dialect) == "postgres":
        from dbops.core.pg_grammar import judge_postgres  # it imports this module

        return judge_postgres
    return None


class StatementSyntax(Protocol):
    """sqlglot's view of one statement: its tokens and its tree (None when it has none)."""

    @property
    def tokens(self) -> tuple[Token, ...]: ...

    @property
    def tree(self) -> exp.Expression | None: ...


@dataclass(frozen=True)
class ParsedSyntax:
    """Tokens and tree made while splitting (the sqlglot split of `parse_sql`)."""

    tokens: tuple[Token, ...]
    tree: exp.Expression | None


@dataclass(frozen=True)
class ParsedStatement:
    """One statement of a file: its text, where it starts, and its syntax tree if it has one.

    `tokens` and `tree` are sqlglot's; a PostgreSQL file split by PostgreSQL's parser makes
    them only when something reads them (core/sql_pg.py)."""

    index: int  # 0-based position in the file
    text: str
    line: int  # 1-based line of the first token
    column: int  # 1-based column of the first token
    end_line: int
    syntax: StatementSyntax = field(repr=False, compare=False)
    error: str | None = None
    error_line: int | None = None  # where in the statement the error is, when known
    error_column: int | None = None

    @property
    def tokens(self) -> tuple[Token, ...]:
        return self.syntax.tokens

    @property
    def tree(self) -> exp.Expression | None:
        return self.syntax.tree

    def accepted_as(self, tree: exp.Expression) -> ParsedStatement:
        """This statement with `tree` and no error: a normalizer that read what sqlglot
        rejected (from its tokens) hands the tree on to the usual path."""
        return replace(
            self,
            syntax=ParsedSyntax(self.tokens, tree),
            error=None,
            error_line=None,
            error_column=None,
        )

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


class LineIndex:
    def __init__(self, text: str) -> None:
        # Offsets where lines start, from the lines' lengths (in C, not a loop over characters).
        self._starts = [0, *accumulate(len(line) + 1 for line in text.split("\n"))]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


def parse_sql(text: str, dialect: str, validator: StatementValidator | None = None) -> ParsedFile:
    """Split `text` into statements and parse each one on its own, so one bad statement does not
    hide the others. `validator` (default: `default_validator(dialect)`) judges the statements
    sqlglot rejects."""
    name = dialect_name(dialect)
    sqlglot_dialect = get_dialect(name)
    if name == "postgres" and validator in (None, _judge_postgres()):
        from dbops.core.sql_pg import split_postgres

        split = split_postgres(text)
        if split is not None:
            return split
    judge = validator or default_validator(name)
    lines = LineIndex(text)
    masked = mask_delimiters(text) if name == "mysql" else None
    try:
        tokens = sqlglot_dialect.tokenize(masked.text if masked else text)
    except TokenError as exc:
        return ParsedFile(statements=(), error=str(exc), error_line=_token_error_line(str(exc)))
    parser = sqlglot_dialect.parser()  # reset by every parse: one per file is enough
    chunks = split_at_offsets(tokens, masked.ends) if masked else split_on_semicolons(tokens)
    statements: list[ParsedStatement] = []
    for chunk in chunks:
        start, end = chunk.tokens[0].start, chunk.tokens[-1].end
        line, column = lines.position(start)
        end_line, _ = lines.position(end)
        statement_text = text[start : end + 1]
        decided = decide(parser, chunk, text, statement_text, name)
        if judge is not None and (decided.error is not None or decided.unchecked):
            decided = _judged(decided, judge(statement_text), chunk.tokens, statement_text)
        error_line, error_column = (
            lines.position(start + decided.error_offset)
            if decided.error_offset is not None
            else (None, None)
        )
        statements.append(
            ParsedStatement(
                index=len(statements),
                text=statement_text,
                line=line,
                column=column,
                end_line=end_line,
                syntax=ParsedSyntax(tuple(chunk.tokens), decided.tree),
                error=decided.error,
                error_line=error_line,
                error_column=error_column,
            )
        )
    return ParsedFile(statements=tuple(statements))


@dataclass(frozen=True)
class _Decision:
    tree: exp.Expression | None
    error: str | None
    error_offset: int | None = None  # in the statement's text, when known
    # Accepted on its first word alone (LISTEN, SECURITY …): a validator may still check it.
    unchecked: bool = False


def decide(parser: Parser, chunk: Chunk, text: str, statement_text: str, dialect: str) -> _Decision:
    tokens = chunk.tokens
    if chunk.compound:
        # A routine with a compound body: sqlglot would cut it at its first semicolon.
        return _Decision(opaque_command(tokens, statement_text), None)
    tree, error = _parse_chunk(parser, tokens, text)
    if tokens[0].token_type == TokenType.VAR and not isinstance(tree, exp.Command):
        tree, error = _leading_word(tokens, statement_text, tree, error)
        if error is None:
            return _Decision(tree, None, unchecked=True)
    if error is not None and tokens[0].token_type in UNMODELLED_STATEMENTS:
        return _Decision(opaque_command(tokens, statement_text), None, unchecked=True)
    if error is not None and dialect == "mysql" and is_partition_maintenance(tokens):
        return _Decision(opaque_command(tokens, statement_text), None)
    if error is not None and dialect == "sqlite" and (joined := join_type_names(tokens)):
        tree_with_types, still = _parse_chunk(parser, joined, text)
        if still is None:
            return _Decision(tree_with_types, None)
    # sqlglot keeps many PostgreSQL statements (ALTER TABLE … VALIDATE CONSTRAINT, ALTER TYPE, …)
    # as opaque commands without reading past their first words, so a typo there would pass;
    # PostgreSQL's own grammar checks them (about 1% more parse time on a migration corpus).
    unchecked = dialect == "postgres" and isinstance(tree, exp.Command)
    return _Decision(tree, error, unchecked=unchecked)


def _judged(
    decided: _Decision, verdict: Verdict | None, tokens: list[Token], statement_text: str
) -> _Decision:
    """The validator's word on a statement sqlglot rejected (None: it cannot tell)."""
    if verdict is None:
        return decided
    if verdict.valid:
        return _Decision(verdict.tree or opaque_command(tokens, statement_text), None)
    return _Decision(None, verdict.message or decided.error, verdict.offset)


def opaque_command(tokens: list[Token], statement_text: str) -> exp.Command:
    """The statement as an opaque command, as sqlglot builds one: first word, then the rest."""
    first = tokens[0].text
    rest = statement_text[len(first) :].strip()
    return exp.Command(this=first.upper(), expression=exp.Literal.string(rest))


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
        return opaque_command(chunk, statement_text), None
    if tree is not None or error is None:
        return None, f"'{chunk[0].text}' does not start a SQL statement"
    return tree, error


def is_partition_maintenance(tokens: Sequence[Token]) -> bool:
    """`ALTER TABLE [db.]t <operation> PARTITION …` (or REMOVE PARTITIONING), decided from the
    tokens; DROP and TRUNCATE must name their partitions (or ALL)."""
    words = [t.text.upper() if t.token_type not in QUOTED else "" for t in tokens]
    if words[:2] != ["ALTER", "TABLE"] or len(words) < 5:
        return False
    at = 5 if len(words) > 5 and words[3] == "." else 3
    operation, target = words[at : at + 2] if len(words) > at + 1 else ("", "")
    if operation not in PARTITION_OPERATIONS or target not in ("PARTITION", "PARTITIONING"):
        return False
    if operation in ("DROP", "TRUNCATE"):
        return _names_list(tokens[at + 2 :])
    return True


def _names_list(tokens: Sequence[Token]) -> bool:
    if len(tokens) == 1 and tokens[0].token_type == TokenType.ALL:
        return True
    names = tokens[0::2]
    commas = tokens[1::2]
    return (
        bool(names)
        and len(tokens) % 2 == 1
        and all(t.token_type in (TokenType.VAR, TokenType.IDENTIFIER) for t in names)
        and all(t.token_type == TokenType.COMMA for t in commas)
    )


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
