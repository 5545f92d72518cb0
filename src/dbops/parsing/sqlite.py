"""SQLite statements from sqlglot's trees to typed statements.

SQLite folds every name (`value` lower case) and keeps declared types as free text
(`TypeName.name` is the declared type, lower case). What sqlglot keeps as a command or
rejects but SQLite accepts (CREATE VIRTUAL TABLE, triggers, VACUUM) is read from the tokens.
"""

from __future__ import annotations

from dataclasses import replace

from sqlglot import exp

from dbops.core.sql import ParsedStatement
from dbops.core.statements import (
    AddColumn,
    AlterTable,
    ColumnDef,
    CreateTable,
    DropColumn,
    Invalid,
    Maintenance,
    Reindex,
    RenameColumn,
    RenameTo,
    SetSetting,
    Statement,
    TransactionControl,
)
from dbops.parsing.mysql import NORMALIZER_FAILURES, from_tree, invalid
from dbops.parsing.mysql_admin import savepoint
from dbops.parsing.mysql_commands import create_routine, replace_into
from dbops.parsing.mysql_tails import trailing_words
from dbops.parsing.positions import Locator
from dbops.parsing.sqlglot_checks import trailing_garbage
from dbops.parsing.sqlglot_names import is_name_token, token_name, token_object_name
from dbops.parsing.sqlglot_tokens import Reader, TrailingText
from dbops.parsing.sqlite_recover import (
    reparsed_add_column,
    reparsed_table,
    reparsed_update_or,
)
from dbops.parsing.unmodelled import unmodelled


def normalize_sqlite(statement: ParsedStatement, locator: Locator) -> Statement:
    try:
        return _normalize(statement, locator)
    except TrailingText as trailing:
        reader = Reader(statement, locator, "sqlite")
        return invalid(reader, trailing.index, "after the column's type")
    except NORMALIZER_FAILURES as exc:
        return unmodelled(statement, locator, f"the SQLite normalizer failed on it ({exc!r})")


def _normalize(statement: ParsedStatement, locator: Locator) -> Statement:
    tree = statement.tree
    if tree is None or not statement.tokens:
        return unmodelled(statement, locator, "sqlglot built no syntax tree for it")
    reader = Reader(statement, locator, "sqlite")
    garbage = trailing_garbage(reader, tree)
    if garbage is not None:
        return invalid(reader, garbage)
    if isinstance(tree, exp.Command):
        return _command(reader)
    if isinstance(tree, exp.Pragma):
        return _pragma(reader)
    if reader.word(0) == "END":  # sqlglot reads END [TRANSACTION] as a column named END
        return _end_transaction(reader)
    if reader.words(0, 3) == ("CREATE", "VIRTUAL", "TABLE"):
        virtual = _virtual_table(reader)
        if virtual is not None:
            return virtual
    modelled = from_tree(reader, tree)
    if isinstance(modelled, CreateTable):
        return _sqlite_table(tree, modelled)
    if isinstance(modelled, AlterTable):
        return _sqlite_alter(reader, modelled)
    # sqlglot's sqlite dialect accepts more than SQLite does: SQLite's engine decides (valid None)
    return modelled or unmodelled(
        statement, locator, f"dbops does not model SQLite {_what(reader)}"
    )


SQLITE_ALTER_ACTIONS = (AddColumn, DropColumn, RenameColumn, RenameTo)


def _sqlite_alter(reader: Reader, alter: AlterTable) -> Statement:
    """SQLite's ALTER TABLE does exactly one of RENAME TO, RENAME [COLUMN], ADD [COLUMN],
    DROP [COLUMN]; anything else (sqlglot's dialect reads more) is a syntax error there."""
    if len(alter.actions) == 1 and isinstance(alter.actions[0], SQLITE_ALTER_ACTIONS):
        return alter
    wrong = next(
        (a for a in alter.actions if not isinstance(a, SQLITE_ALTER_ACTIONS)), alter.actions[-1]
    )
    return Invalid(
        text=alter.text,
        span=alter.span,
        message=(
            "SQLite's ALTER TABLE does one of RENAME TO, RENAME COLUMN, ADD COLUMN, DROP COLUMN"
            f", not '{wrong.text}'"
        ),
        error_span=wrong.span,
    )


def recover_sqlite(statement: ParsedStatement, locator: Locator) -> Statement | None:
    """A statement sqlglot rejected that SQLite's grammar accepts and dbops reads from tokens
    (CREATE VIRTUAL TABLE … USING module(…)); None when it is not one (it stays Invalid)."""
    try:
        return _recovered(statement, locator)
    except (TrailingText, *NORMALIZER_FAILURES):
        return None


def _recovered(statement: ParsedStatement, locator: Locator) -> Statement | None:
    if not statement.tokens:
        return None
    reader = Reader(statement, locator, "sqlite")
    named = reader.word(1) == "TRANSACTION" and len(reader) == 3
    if reader.word(0) in ("COMMIT", "END", "ROLLBACK") and named:
        # COMMIT TRANSACTION name: SQLite accepts the name and ignores it
        action = "ROLLBACK" if reader.word(0) == "ROLLBACK" else "COMMIT"
        return TransactionControl(text=statement.text, span=locator.whole(), action=action)
    if reader.words(0, 3) == ("CREATE", "VIRTUAL", "TABLE"):
        return _virtual_table(reader)
    tree = reparsed_table(reader) or reparsed_update_or(reader)
    if tree is None:
        return None
    accepted = statement.accepted_as(tree)
    return normalize_sqlite(accepted, locator)


def _end_transaction(reader: Reader) -> Statement:
    """END [TRANSACTION [name]]: COMMIT."""
    valid = len(reader) == 1 or (reader.word(1) == "TRANSACTION" and len(reader) <= 3)
    if not valid:
        return invalid(reader, 2 if reader.word(1) == "TRANSACTION" else 1)
    span = reader.locator.whole()
    return TransactionControl(text=reader.statement.text, span=span, action="COMMIT")


def _sqlite_table(tree: exp.Expr, table: CreateTable) -> CreateTable:
    properties = tree.args.get("properties")
    found = list(properties.expressions) if isinstance(properties, exp.Properties) else []
    return replace(
        table,
        strict=any(isinstance(p, exp.StrictProperty) for p in found),
        without_rowid=any(isinstance(p, exp.WithoutRowidProperty) for p in found),
        options=(),
    )


def _command(reader: Reader) -> Statement:
    first = reader.word(0)
    table = reparsed_table(reader) if first == "CREATE" else None
    if table is not None:
        modelled = from_tree(reader, table)
        if isinstance(modelled, CreateTable):
            return _sqlite_table(table, modelled)
    if first == "REPLACE":
        replaced = replace_into(reader)
        if replaced is not None:
            return replaced
    added = reparsed_add_column(reader) if first == "ALTER" else None
    if added is not None:
        altered = from_tree(reader, added)
        if isinstance(altered, AlterTable):
            return _sqlite_alter(reader, altered)
    if first == "CREATE" and reader.word(1) == "VIRTUAL":
        return _virtual_table(reader) or unmodelled(
            reader.statement, reader.locator, "a CREATE VIRTUAL TABLE dbops cannot read"
        )
    if first == "CREATE" and "TRIGGER" in reader.words(1, 3):
        return create_routine(reader)
    garbage = trailing_words(reader) if first in ("CREATE", "ALTER", "DROP") else None
    if garbage is not None:
        return garbage
    if first in ("SAVEPOINT", "RELEASE"):
        return savepoint(reader)
    if first in ("VACUUM", "ANALYZE"):
        tables = (token_object_name(reader, 1)[0],) if len(reader) > 1 else ()
        return Maintenance(
            text=reader.statement.text,
            span=reader.locator.whole(),
            operation=first,
            tables=tables,
        )
    if first == "REINDEX":
        target, after = token_object_name(reader, 1) if len(reader) > 1 else (None, 1)
        if after < len(reader):
            return invalid(reader, after)
        return Reindex(
            text=reader.statement.text, span=reader.locator.whole(), target="INDEX", name=target
        )
    return unmodelled(
        reader.statement, reader.locator, f"dbops does not model SQLite {_what(reader)}"
    )


def _virtual_table(reader: Reader) -> CreateTable | None:
    """CREATE VIRTUAL TABLE [IF NOT EXISTS] name USING module[(arguments)]: the columns are the
    arguments that are plain names (fts5's `title`, `body UNINDEXED`), not `key=value` options."""
    index = 3
    if_not_exists = reader.words(index, 3) == ("IF", "NOT", "EXISTS")
    index += 3 if if_not_exists else 0
    table, index = token_object_name(reader, index)
    if reader.word(index) != "USING" or not is_name_token(reader, index + 1):
        return None
    module = reader.tokens[index + 1].text.lower()
    index += 2
    columns: list[ColumnDef] = []
    if reader.is_open(index):
        close = reader.partner(index)
        for part in reader.split(index + 1, close - 1):
            is_option = any(reader.tokens[i].text == "=" for i in part)
            if not is_option and is_name_token(reader, part.start):
                columns.append(
                    ColumnDef(
                        name=token_name(reader, part.start),
                        type=None,
                        span=reader.range_span(part),
                    )
                )
        index = close + 1
    if index < len(reader):
        return None
    return CreateTable(
        text=reader.statement.text,
        span=reader.locator.whole(),
        table=table,
        columns=tuple(columns),
        if_not_exists=if_not_exists,
        virtual_module=module,
    )


def _pragma(reader: Reader) -> SetSetting:
    """PRAGMA [schema.]name [= value | (value)], from the tokens (name lower case, value as
    written without quotes)."""
    index = 1
    if reader.tokens[min(2, len(reader) - 1)].text == ".":
        index = 3
    setting = reader.tokens[index].text.lower() if index < len(reader) else ""
    value_at = index + 1
    if reader.tokens[min(value_at, len(reader) - 1)].text == "=" and value_at < len(reader):
        value_at += 1
    value = ""
    if reader.is_open(value_at):
        value = reader.text(value_at + 1, reader.partner(value_at) - 1)
    elif value_at < len(reader):
        value = reader.text(value_at, len(reader) - 1)
    if len(value) > 1 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    return SetSetting(
        text=reader.statement.text,
        span=reader.locator.whole(),
        name=setting,
        value=value,
        assignments=((setting, value),),
    )


def _what(reader: Reader) -> str:
    """The statement's first words as written (`ATTACH DATABASE`)."""
    return reader.text(0, min(2, len(reader)) - 1) or "this statement"
