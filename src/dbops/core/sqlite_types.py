"""SQLite type names as SQLite reads them: any sequence of names (`floating point`, `unsigned big
int`, `varying character(20)`) and `ANY` (STRICT tables). sqlglot's sqlite dialect rejects
those; joining each type name's tokens into one name token lets it parse the statement into a
tree (the type as a user-defined one, its text as written) with every position unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlglot.tokenizer_core import Token, TokenType

from dbops.core.sql_split import QUOTED

# Words that end a type name: a column constraint starts (SQLite's grammar, `column-constraint`).
CONSTRAINT_WORDS = frozenset(
    [
        *("CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE", "CHECK", "DEFAULT", "COLLATE"),
        *("REFERENCES", "GENERATED", "AS"),
    ]
)
TABLE_CONSTRAINTS = frozenset(["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"])


def join_type_names(tokens: Sequence[Token]) -> list[Token] | None:
    """The tokens of a CREATE TABLE with each column's multi-word (or `ANY`) type name as one
    token; None when there is none to join."""
    if [t.text.upper() for t in tokens[:2]] != ["CREATE", "TABLE"] and not _temporary(tokens):
        return None
    joined: list[Token] = []
    changed = False
    depth, index = 0, 0
    while index < len(tokens):
        token = tokens[index]
        joined.append(token)
        index += 1
        if token.token_type == TokenType.L_PAREN:
            depth += 1
        elif token.token_type == TokenType.R_PAREN:
            depth -= 1
        if depth != 1 or token.token_type not in (TokenType.L_PAREN, TokenType.COMMA):
            continue
        if index < len(tokens) and _is_name(tokens[index]):
            if _is_word(tokens[index]) and tokens[index].text.upper() in TABLE_CONSTRAINTS:
                continue
            joined.append(tokens[index])  # the column's name
            run = _type_words(tokens, index + 1)
            if len(run) > 1 or (run and run[0].token_type == TokenType.ANY):
                joined.append(_one_name(run))
                changed = True
            else:
                joined.extend(run)
            index += 1 + len(run)
    return joined if changed else None


def _temporary(tokens: Sequence[Token]) -> bool:
    words = [t.text.upper() for t in tokens[:3]]
    return (
        words[0:1] == ["CREATE"]
        and words[1:2] in (["TEMP"], ["TEMPORARY"])
        and words[2:] == ["TABLE"]
    )


def _is_word(token: Token) -> bool:
    return token.token_type not in QUOTED and token.text.replace("_", "a").isalnum()


def _is_name(token: Token) -> bool:
    return token.token_type == TokenType.IDENTIFIER or _is_word(token)


def _type_words(tokens: Sequence[Token], start: int) -> list[Token]:
    run: list[Token] = []
    for token in tokens[start:]:
        if not _is_word(token) or token.text.upper() in CONSTRAINT_WORDS:
            break
        run.append(token)
    return run


def _one_name(run: Sequence[Token]) -> Token:
    first, last = run[0], run[-1]
    text = " ".join(token.text for token in run)
    # A token's line and column are where it ends (sqlglot's convention).
    return Token(TokenType.VAR, text, last.line, last.col, first.start, last.end, first.comments)
