"""Name checks shared by the naming rules, on the typed statement model: Bytebase's templates
(`^idx_{{table}}_{{column_list}}$`) expanded for the key at hand, for keys a statement defines,
attaches (`ADD CONSTRAINT … USING INDEX`) or renames (`ALTER INDEX … RENAME TO`, `RENAME
CONSTRAINT`, MySQL `RENAME INDEX`).

Names are judged as the database stores them: PostgreSQL folds unquoted names to lower case
(`UserAccounts` is stored as `useraccounts`), MySQL and SQLite keep them as written (`techBook`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from dbops.core.schema import Index, SchemaModel
from dbops.core.statements import (
    NO_SPAN,
    AlterIndex,
    AlterTable,
    Name,
    RenameConstraint,
    RenameIndex,
    Span,
    Statement,
)
from dbops.rules.base import StatementContext, Violation
from dbops.rules.facts.keys import KEY_STATEMENTS, first_span, keys_defined, located
from dbops.rules.options import NamingOptions

NAMED_KEY_STATEMENTS: tuple[type[Statement], ...] = (*KEY_STATEMENTS, AlterIndex)


def stored(name: Name, dialect: str) -> str:
    """The name as the database stores (and lists) it."""
    return name.value if dialect == "postgres" else name.written


@dataclass(frozen=True)
class NamedKey:
    """A key or index given a name by the statement, with what its template may refer to."""

    name: str
    kind: str
    table: str  # unqualified
    columns: tuple[str, ...]
    referenced_table: str = ""
    referenced_columns: tuple[str, ...] = ()
    span: Span = NO_SPAN


def named_keys(context: StatementContext, kinds: set[str]) -> Iterator[NamedKey]:
    """Keys of the given kinds that the statement names: defined, attached or renamed."""
    statement, dialect = context.statement, context.dialect
    for key in keys_defined(statement, context.schema):
        if key.kind in kinds and key.name is not None and key.name.value:
            target = key.references
            yield NamedKey(
                stored(key.name, dialect),
                key.kind,
                stored(key.table.name, dialect),
                tuple(stored(column, dialect) for column in key.columns),
                stored(target.table.name, dialect) if target is not None else "",
                tuple(stored(c, dialect) for c in target.columns) if target is not None else (),
                key.span,
            )
    if isinstance(statement, AlterIndex) and statement.rename_to is not None:
        index = context.schema.index_named(statement.name)
        if index is not None and index.kind in kinds:
            span = first_span(statement.rename_to.span, statement.span)
            yield _renamed(index, stored(statement.rename_to, dialect), span)
    if isinstance(statement, AlterTable):
        yield from _renamed_in_table(statement, context.schema, kinds, dialect)


def check_name(key: NamedKey, options: NamingOptions, label: str) -> Iterator[Violation]:
    pattern = expand(options.format, key)
    if not re.search(pattern, key.name):
        yield located(
            f'{label} "{key.name}" on table "{key.table}" does not match the naming convention '
            f'"{pattern}"',
            key.span,
        )
    elif len(key.name) > options.max_length:
        yield located(
            f'{label} "{key.name}" is longer than {options.max_length} characters', key.span
        )


def expand(template: str, key: NamedKey) -> str:
    """Fill a Bytebase naming template with the key's table and columns (regex-escaped)."""
    values = {
        "table": key.table,
        "column_list": "_".join(key.columns),
        "referencing_table": key.table,
        "referencing_column": "_".join(key.columns),
        "referenced_table": key.referenced_table,
        "referenced_column": "_".join(key.referenced_columns),
    }
    for placeholder, value in values.items():
        template = template.replace("{{" + placeholder + "}}", re.escape(value))
    return template


def _renamed_in_table(
    statement: AlterTable, schema: SchemaModel, kinds: set[str], dialect: str
) -> Iterator[NamedKey]:
    indexes: list[Index] | None = None
    for action in statement.actions:
        if not isinstance(action, RenameConstraint | RenameIndex):
            continue
        if indexes is None:
            indexes = schema.table_indexes(schema.key_of(statement.table))
        for index in indexes:
            if index.name == action.old.value and index.kind in kinds:
                span = first_span(action.new.span, action.span, statement.span)
                yield _renamed(index, stored(action.new, dialect), span)


def _renamed(index: Index, new_name: str, span: Span) -> NamedKey:
    return NamedKey(
        new_name,
        index.kind,
        index.table.rsplit(".", 1)[-1],
        index.columns,
        (index.references or "").rsplit(".", 1)[-1],
        index.referenced_columns,
        span,
    )
