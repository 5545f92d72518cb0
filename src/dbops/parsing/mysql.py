"""MySQL/MariaDB statements (and those of every other sqlglot dialect dbops reads with sqlglot)
from sqlglot's trees to typed statements.

The tree is read once; the statement's tokens fill in what the tree does not keep (where each
element stands, the text as written, the order of ALTER TABLE parts) and decide the statements
sqlglot keeps as opaque commands (`mysql_commands`).
"""

from __future__ import annotations

from sqlglot import exp

from dbops.core.sql import ParsedStatement
from dbops.core.statements import (
    AlterTable,
    CreateIndex,
    CreateSchema,
    DropIndex,
    Invalid,
    Statement,
    TransactionControl,
    UnmodelledAction,
)
from dbops.parsing.mysql_admin import MAINTENANCE_WORDS, maintenance
from dbops.parsing.mysql_commands import command, create_routine
from dbops.parsing.mysql_index import token_create_index, token_drop_index
from dbops.parsing.mysql_recover import reparsed
from dbops.parsing.mysql_tails import create_table_tail, create_table_with_options
from dbops.parsing.positions import Locator
from dbops.parsing.sqlglot_alter_parts import alter_table
from dbops.parsing.sqlglot_checks import BEGIN_WORDS, trailing_garbage
from dbops.parsing.sqlglot_create import create_table
from dbops.parsing.sqlglot_names import name
from dbops.parsing.sqlglot_statements import (
    alter_view,
    create_index,
    create_view,
    delete,
    drop,
    insert,
    select,
    set_setting,
    transaction,
    truncate,
    update,
    use,
)
from dbops.parsing.sqlglot_tokens import Reader, TrailingText
from dbops.parsing.unmodelled import unmodelled

ROUTINE_KINDS = frozenset(["FUNCTION", "PROCEDURE", "TRIGGER", "EVENT"])


def normalize_mysql(
    statement: ParsedStatement, locator: Locator, dialect: str = "mysql"
) -> Statement:
    try:
        return _normalize(statement, locator, dialect)
    except TrailingText as trailing:
        return invalid(Reader(statement, locator, "mysql", dialect), trailing.index)
    except NORMALIZER_FAILURES as exc:
        # A shape the normalizer does not expect must not take the review down: the statement
        # is reported as not reviewed, saying why.
        return unmodelled(statement, locator, f"the MySQL normalizer failed on it ({exc!r})")


# What a tree or token shape the normalizer did not foresee raises.
NORMALIZER_FAILURES = (AttributeError, IndexError, KeyError, TypeError, ValueError, RecursionError)


def _normalize(statement: ParsedStatement, locator: Locator, dialect: str) -> Statement:
    tree: exp.Expr | None = statement.tree
    if tree is None or not statement.tokens:
        return unmodelled(statement, locator, "sqlglot built no syntax tree for it")
    reader = Reader(statement, locator, "mysql", parser_dialect=dialect)
    garbage = trailing_garbage(reader, tree)
    if garbage is not None:
        return invalid(reader, garbage)
    if isinstance(tree, exp.Command):
        tree = reparsed(reader) or tree
    if isinstance(tree, exp.Command):
        return command(reader)
    # sqlglot's grammar read the whole statement (it is no opaque command): valid, unmodelled
    return from_tree(reader, tree) or unmodelled(
        statement, locator, f"dbops does not model MySQL {_what(reader)}", valid=True
    )


def recover_mysql(
    statement: ParsedStatement, locator: Locator, dialect: str = "mysql"
) -> Statement | None:
    """A statement sqlglot rejected that MySQL accepts and dbops reads from its tokens
    (`CREATE INDEX i USING BTREE ON t (…)`); None when it is not one (it stays Invalid)."""
    try:
        return _recovered(statement, locator, dialect)
    except (TrailingText, *NORMALIZER_FAILURES):
        return None


def _recovered(statement: ParsedStatement, locator: Locator, dialect: str) -> Statement | None:
    if not statement.tokens:
        return None
    reader = Reader(statement, locator, "mysql", parser_dialect=dialect)
    if reader.word(0) == "CREATE" and "INDEX" in reader.words(1, 4):
        found = token_create_index(reader)
        return found if isinstance(found, CreateIndex) else None
    if reader.word(0) in ("START", "BEGIN") and all(
        reader.word(i) in BEGIN_WORDS for i in range(len(reader))
    ):  # START TRANSACTION READ ONLY, WITH CONSISTENT SNAPSHOT
        return TransactionControl(text=statement.text, span=locator.whole(), action="BEGIN")
    if reader.word(0) in MAINTENANCE_WORDS and "TABLE" in reader.words(1, 2):
        return maintenance(reader)  # ANALYZE TABLE t PERSISTENT FOR ALL (MariaDB)
    if reader.words(0, 2) == ("DROP", "INDEX"):
        dropped = token_drop_index(reader)
        return dropped if isinstance(dropped, DropIndex) else None
    tree = reparsed(reader)
    if tree is None and reader.word(0) == "ALTER":
        return _alter_by_parts(reader)
    if tree is None and reader.word(0) == "CREATE" and create_table_tail(reader) is None:
        return create_table_with_options(reader)  # options sqlglot does not know
    if tree is None:
        return None
    accepted = statement.accepted_as(tree)
    return normalize_mysql(accepted, locator, dialect)


def _alter_by_parts(reader: Reader) -> AlterTable | None:
    """An ALTER TABLE sqlglot rejects as a whole (`ADD COLUMN (a …, b …)`) whose every part
    reads as an action on its own; None when any does not."""
    try:
        statement = alter_table(reader, None)
    except TrailingText:
        return None
    if statement is None or any(isinstance(a, UnmodelledAction) for a in statement.actions):
        return None
    return statement


def from_tree(reader: Reader, tree: exp.Expr) -> Statement | None:
    """The statements MySQL and SQLite read the same way from the tree (None: not modelled)."""
    if isinstance(tree, exp.Create):
        return _create(reader, tree)
    if isinstance(tree, exp.Alter):
        kind = str(tree.args.get("kind") or "").upper()
        if kind == "VIEW":
            return alter_view(reader, tree)
        return alter_table(reader, tree) if kind == "TABLE" else None
    if isinstance(tree, exp.Drop):
        return drop(reader, tree)
    if isinstance(tree, exp.TruncateTable):
        return truncate(reader, tree)
    if isinstance(tree, exp.Insert):
        return insert(reader, tree)
    if isinstance(tree, exp.Update):
        return update(reader, tree)
    if isinstance(tree, exp.Delete):
        return delete(reader, tree)
    if isinstance(tree, exp.Query):
        return select(reader, tree)
    if isinstance(tree, exp.Set):
        return set_setting(reader, tree)
    if isinstance(tree, exp.Transaction | exp.Commit | exp.Rollback):
        return transaction(reader, tree)
    if isinstance(tree, exp.Use):
        return use(reader, tree)
    if isinstance(tree, exp.Analyze):
        return maintenance(reader)
    return None


def _create(reader: Reader, tree: exp.Create) -> Statement | None:
    kind = str(tree.args.get("kind") or "").upper()
    if kind == "TABLE":
        return create_table(reader, tree)
    if kind == "INDEX":
        return create_index(reader, tree)
    if kind == "VIEW":
        return create_view(reader, tree)
    if kind in ("DATABASE", "SCHEMA"):
        return _create_schema(reader, tree, kind)
    if kind in ROUTINE_KINDS:
        return create_routine(reader)
    return None


def _create_schema(reader: Reader, tree: exp.Create, kind: str) -> CreateSchema:
    properties = list(tree.args["properties"].expressions) if tree.args.get("properties") else []
    charset = next((p.name for p in properties if isinstance(p, exp.CharacterSetProperty)), None)
    collation = next((p.name for p in properties if isinstance(p, exp.CollateProperty)), None)
    target = tree.this
    if isinstance(target, exp.Table) and target.this is None:  # CREATE SCHEMA s: s is the db
        target = target.args.get("db")
    return CreateSchema(
        text=reader.statement.text,
        span=reader.locator.whole(),
        name=name(reader, target, table=True),
        if_not_exists=bool(tree.args.get("exists")),
        database=kind == "DATABASE",
        charset=charset,
        collation=collation,
    )


def invalid(reader: Reader, index: int, where: str = "after the end of the statement") -> Invalid:
    """Text the grammar does not allow (after the end of a valid statement, by default): a
    syntax error at that token."""
    return Invalid(
        text=reader.statement.text,
        span=reader.locator.whole(),
        message=f"unexpected '{reader.tokens[index].text}' {where}",
        error_span=reader.span(index, len(reader) - 1),
    )


def _what(reader: Reader) -> str:
    """The statement's first words as written (`ALTER VIEW`, `SHOW TABLES`)."""
    return reader.text(0, min(2, len(reader)) - 1) or "this statement"
