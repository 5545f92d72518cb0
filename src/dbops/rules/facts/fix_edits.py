"""Edits a rule's fix is made of, placed by the text and span of the node they change.

A node's `text` starts at its `span`; an edit found by matching the start of that text (never
anywhere inside it, where a comment or a string could match) is placed at the file position
the match's offset corresponds to."""

from __future__ import annotations

import re
from collections.abc import Iterable

from dbops.core.findings import Edit, Fix
from dbops.core.migrations import MigrationFile
from dbops.core.statements import (
    AddConstraint,
    AlterTable,
    Constraint,
    CreateIndex,
    DropIndex,
    Name,
    ObjectName,
    SetSetting,
    Span,
    Statement,
    TransactionControl,
)
from dbops.rules.base import StatementContext

NO_TRANSACTION_HEADER = "-- dbops:no-transaction\n"


def position_after(text: str, span: Span, offset: int) -> tuple[int, int]:
    """The file (line, column) of character `offset` of a node whose `text` starts at `span`."""
    before = text[:offset]
    newlines = before.count("\n")
    if not newlines:
        return span.line, span.column + offset
    return span.line + newlines, offset - before.rfind("\n")


def insert_after_prefix(text: str, span: Span, prefix: re.Pattern[str], words: str) -> Edit | None:
    """An edit inserting `words` (and a space) right after `prefix`, which must match at the
    start of `text`; None when it does not, or when the node has no position."""
    match = prefix.match(text)
    if match is None or not span.line:
        return None
    line, column = position_after(text, span, match.end())
    return Edit.insert(line, column, f" {words}")


def replace_at_end(text: str, span: Span, suffix: re.Pattern[str], replacement: str) -> Edit | None:
    """An edit replacing `suffix`, which must match at the end of `text`."""
    match = suffix.search(text)
    if match is None or match.end() != len(text) or not span.line:
        return None
    line, column = position_after(text, span, match.start())
    end_line, end_column = position_after(text, span, match.end())
    return Edit(line, column, end_line, end_column, replacement)


def prelude(span: Span, text: str) -> Edit | None:
    """An edit inserting `text` right before the statement (a statement of its own ending
    with a newline, then the statement's indentation again)."""
    if not span.line:
        return None
    return Edit.insert(span.line, span.column, text)


def no_transaction_header(file: MigrationFile) -> tuple[Edit, ...]:
    """The `-- dbops:no-transaction` header when the file has none (as a first line)."""
    if file.no_transaction:
        return ()
    return (Edit.insert(1, 1, NO_TRANSACTION_HEADER),)


def fix_of(description: str, *edits: Edit | None) -> Fix | None:
    """A fix made of `edits`, or None when any of them could not be placed (a partial fix
    would leave the file half changed)."""
    if not edits or any(edit is None for edit in edits):
        return None
    return Fix(description, tuple(edit for edit in edits if edit is not None))


def after_end(span: Span, words: str) -> Edit | None:
    """An edit appending `words` right after the last character of `span`."""
    if not span.line:
        return None
    return Edit.insert(span.end_line, span.end_column + 1, words)


def words_pattern(*words: str) -> re.Pattern[str]:
    """A pattern matching `words` at the start of a text, any blanks between them, any case
    (`DROP MATERIALIZED VIEW`); an optional word is written `[WORD]`."""
    parts = []
    for word in words:
        for piece in word.split():
            if piece.startswith("["):
                parts.append(rf"(?:\s+{re.escape(piece.strip('[]'))})?")
            else:
                parts.append(rf"\s+{re.escape(piece)}" if parts else rf"\s*{re.escape(piece)}")
    return re.compile("".join(parts) + r"\b", re.IGNORECASE)


_INDEX_FILE_STATEMENTS = (CreateIndex, DropIndex, SetSetting)


def header_is_safe(file_statements: Iterable[Statement]) -> bool:
    """Whether marking the file `-- dbops:no-transaction` changes nothing but the index
    builds: every statement is an index build or drop, or a setting (a file with other changes
    would lose its all-or-nothing run, and one with its own BEGIN/COMMIT manages itself)."""
    return all(isinstance(s, _INDEX_FILE_STATEMENTS) for s in file_statements)


def sql_name(name: Name) -> str:
    """An identifier as SQL (quoted when it was written quoted)."""
    return '"' + name.written.replace('"', '""') + '"' if name.quoted else name.written


def sql_object_name(name: ObjectName) -> str:
    parts = [part for part in (name.catalog, name.schema) if part is not None]
    return ".".join(sql_name(part) for part in [*parts, name.name])


def not_valid_split(
    context: StatementContext, constraint: Constraint, validate_later: str
) -> Fix | None:
    """`ADD CONSTRAINT … NOT VALID`, then `VALIDATE CONSTRAINT` as a statement of its own
    right after it when the file runs outside a transaction (in one, the VALIDATE would still
    hold the ADD's lock: `validate_later` then tells where it belongs). Only a named
    constraint added by `ADD CONSTRAINT` (not inline on a new column) is split."""
    statement = context.statement
    if not isinstance(statement, AlterTable) or constraint.name is None:
        return None
    actions = [
        action
        for action in statement.actions
        if isinstance(action, AddConstraint) and action.constraint is constraint
    ]
    if not actions:
        return None
    not_valid = after_end(actions[0].span, " NOT VALID")
    if context.in_transaction or any(isinstance(s, TransactionControl) for s in context.previous):
        return fix_of(f"add the constraint NOT VALID; {validate_later}", not_valid)
    validate = after_end(
        statement.span,
        f";\nALTER TABLE {sql_object_name(statement.table)} VALIDATE CONSTRAINT "
        f"{sql_name(constraint.name)}",
    )
    return fix_of("add the constraint NOT VALID, then VALIDATE it", not_valid, validate)
