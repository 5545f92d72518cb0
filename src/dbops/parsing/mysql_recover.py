"""CREATE/ALTER TABLE statements MySQL accepts but sqlglot rejects or keeps as a command, for
reasons the normalizer reads from the tokens anyway: column types sqlglot does not know
(`POINT`, `MULTIPOLYGON`, `LONG VARCHAR`, `NATIONAL VARCHAR(10)`, `INET6`, `… SRID 4326`) and
partitioning clauses (`PARTITION BY HASH (id) PARTITIONS 4`, `RANGE COLUMNS`, functions).

The statement's own tokens are parsed once more with each such type replaced by one `TEXT`
token covering the same text, and without the partitioning clause: the tree gives the
structure, the original tokens the types and partitions (positions stay the file's).
"""

from __future__ import annotations

from sqlglot import exp
from sqlglot.errors import ParseError, TokenError
from sqlglot.tokenizer_core import Token, TokenType

from dbops.core.sql import get_dialect
from dbops.core.sql_split import QUOTED
from dbops.parsing.sqlglot_tokens import Reader

# Single-word type names sqlglot's MySQL dialect does not parse.
UNKNOWN_TYPES = frozenset(
    [
        *("POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON"),
        *("GEOMETRYCOLLECTION", "GEOMCOLLECTION", "MIDDLEINT", "INT3", "INET4", "INET6"),
        "VARCHARACTER",
    ]
)
# First words of two-word type names sqlglot does not parse, and the words that may follow.
TWO_WORD_TYPES = {
    "LONG": frozenset(["VARCHAR", "VARBINARY", "BINARY", "CHAR"]),
    "NATIONAL": frozenset(["VARCHAR", "CHAR", "CHARACTER"]),
    "NCHAR": frozenset(["VARCHAR", "VARYING"]),
}
NAME_TYPES = frozenset([TokenType.VAR, TokenType.IDENTIFIER])


def reparsed(reader: Reader) -> exp.Expression | None:
    """The CREATE TABLE or ALTER TABLE statement's tree, parsed from its tokens with the types
    and partitioning sqlglot cannot read set aside; None when that does not parse either."""
    words = reader.words(0, 3)
    create = words[0] == "CREATE" and "TABLE" in words[1:]
    alter = words[0] == "ALTER" and "TABLE" in words[1:]
    if not (create or alter):
        return None
    raw = list(reader.raw_tokens)
    tokens = simple_types(_without_partitioning(raw) if create else _rename_as_to(raw))
    if tokens == raw:  # nothing set aside: parsing again would fail the same way
        return None
    tree = parse_tokens(reader, tokens)
    return tree if isinstance(tree, exp.Create | exp.Alter) else None


def parse_tokens(reader: Reader, tokens: list[Token]) -> exp.Expr | None:
    """`tokens` (taken from the statement) parsed as one statement; None when it fails."""
    sql = " " * reader.tokens[0].start + reader.statement.text
    try:
        trees = get_dialect(reader.parser_dialect).parser().parse(tokens, sql)
    except (ParseError, TokenError, ValueError, RecursionError):
        return None
    tree = trees[0] if trees else None
    if not isinstance(tree, exp.Expr) or isinstance(tree, exp.Command):
        return None
    return tree


def simple_types(tokens: list[Token]) -> list[Token]:
    """The tokens with every type sqlglot does not know, after a column's name, as one TEXT
    token (and a spatial type's `SRID n` dropped)."""
    result: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        word = token.text.upper() if token.token_type not in QUOTED else ""
        after_name = bool(result) and result[-1].token_type in NAME_TYPES
        following = tokens[index + 1].text.upper() if index + 1 < len(tokens) else ""
        if after_name and word in TWO_WORD_TYPES and following in TWO_WORD_TYPES[word]:
            result.append(_text_token(token, tokens[index + 1]))
            index += 2
            continue
        if after_name and word in UNKNOWN_TYPES:
            result.append(_text_token(token, token))
            index += 1
            continue
        if word == "PERSISTENT":  # MariaDB's name for a STORED generated column
            result.append(Token(TokenType.VAR, "STORED", start=token.start, end=token.end))
            index += 1
            continue
        if word == "SRID" and index + 1 < len(tokens) and tokens[index + 1].text.isdigit():
            index += 2  # a spatial column's SRID: read from the tokens, not the tree
            continue
        skipped = _column_attribute(tokens, index, result)
        if skipped:
            index += skipped
            continue
        result.append(token)
        index += 1
    return result


def _column_attribute(tokens: list[Token], index: int, before: list[Token]) -> int:
    """How many tokens from `index` make a column attribute sqlglot does not parse and the
    model does not carry (`COLUMN_FORMAT FIXED`, `STORAGE DISK`, `COMPRESSED[=zlib]`,
    `WITH[OUT] SYSTEM VERSIONING`, `VISIBLE`); 0 when there is none."""
    words = [t.text.upper() for t in tokens[index : index + 3]]
    words += [""] * (3 - len(words))
    previous = before[-1].text.upper() if before else ""
    if words[0] == "COLUMN_FORMAT" and words[1]:
        return 2
    if words[0] == "STORAGE" and words[1] in ("DISK", "MEMORY", "DEFAULT") and previous != ")":
        return 2
    if words[0] in ("WITH", "WITHOUT") and words[1:] == ["SYSTEM", "VERSIONING"]:
        return 3
    if words[0] == "COMPRESSED":
        return 3 if words[1] == "=" and words[2] else 1
    if words[0] == "VISIBLE" and previous not in ("SET", "INDEX", "KEY"):
        return 1
    if words[0] == "USING" and before and before[-1].token_type == TokenType.PRIMARY_KEY:
        return 2  # PRIMARY KEY USING BTREE (id): the method is the default one
    return 0


def _text_token(first: Token, last: Token) -> Token:
    return Token(
        TokenType.TEXT, "TEXT", line=first.line, col=first.col, start=first.start, end=last.end
    )


def _rename_as_to(tokens: list[Token]) -> list[Token]:
    """`RENAME AS new` (and `RENAME new`) as sqlglot reads it: `RENAME TO new`."""
    result: list[Token] = []
    for token in tokens:
        renamed = result and result[-1].text.upper() == "RENAME"
        if token.token_type == TokenType.ALIAS and renamed:
            result.append(Token(TokenType.VAR, "TO", start=token.start, end=token.end))
        else:
            result.append(token)
    return result


def _without_partitioning(tokens: list[Token]) -> list[Token]:
    """The tokens up to a `PARTITION BY` at depth 0 after the table definition."""
    depth = 0
    for index, token in enumerate(tokens):
        if token.token_type == TokenType.L_PAREN:
            depth += 1
        elif token.token_type == TokenType.R_PAREN:
            depth -= 1
        elif depth == 0 and token.token_type == TokenType.PARTITION_BY:
            return tokens[:index]
    return tokens
