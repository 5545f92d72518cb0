"""The keys and indexes a typed statement defines: primary keys, unique keys, plain indexes,
foreign keys and checks, from CREATE TABLE, ALTER TABLE and CREATE INDEX alike, each with the
span of the element that defines it (the constraint, the column, the index)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from dbops.core.schema import CHECK, FOREIGN, INDEX, PRIMARY, UNIQUE, SchemaModel
from dbops.core.statements import (
    NO_SPAN,
    AddColumn,
    AddConstraint,
    AddIndex,
    AlterTable,
    ColumnDef,
    Constraint,
    ConstraintKind,
    CreateIndex,
    CreateTable,
    ForeignKeyTarget,
    IndexElement,
    InlineIndex,
    ModifyColumn,
    Name,
    ObjectName,
    Span,
    Statement,
)
from dbops.rules.base import StatementContext, Violation
from dbops.rules.facts.type_lists import column_type

KEY_STATEMENTS: tuple[type[Statement], ...] = (CreateTable, AlterTable, CreateIndex)
INDEX_KINDS = frozenset({PRIMARY, UNIQUE, INDEX})  # the kinds that build an index

_KINDS = {
    ConstraintKind.PRIMARY_KEY: PRIMARY,
    ConstraintKind.UNIQUE: UNIQUE,
    ConstraintKind.FOREIGN_KEY: FOREIGN,
    ConstraintKind.CHECK: CHECK,
}


@dataclass(frozen=True)
class DefinedKey:
    """A key or index a statement defines. `kind` is the schema model's kind (`PRIMARY`,
    `UNIQUE`, `INDEX`, `FOREIGN`, `CHECK`); `columns` the key's columns as the statement names
    them (an expression element is named by its text)."""

    kind: str
    name: Name | None
    table: ObjectName
    columns: tuple[Name, ...]
    span: Span = NO_SPAN
    references: ForeignKeyTarget | None = None
    method: str = ""  # BTREE, HASH, FULLTEXT, SPATIAL, gin, … as the normalizer gives it
    using_index: Name | None = None  # PostgreSQL `… PRIMARY KEY USING INDEX idx`

    @property
    def builds_index(self) -> bool:
        return self.kind in INDEX_KINDS

    @property
    def label(self) -> str:
        """How a message names the key: `primary key "pk_t"`, `index` when it has no name."""
        return f'{self.kind} "{self.name.written}"' if self.name is not None else self.kind


def keys_defined(statement: Statement, schema: SchemaModel) -> Iterator[DefinedKey]:
    """Every key the statement defines: a CREATE TABLE's column keys, then its table
    constraints, then its indexes; an ALTER TABLE's in action order. A key attached `USING INDEX`
    takes its columns from that index as the schema before the statement has it."""
    if isinstance(statement, CreateTable):
        for column in statement.columns:
            yield from _column_keys(column, statement.table, statement)
        for constraint in statement.constraints:
            yield _constraint_key(constraint, statement.table, schema, statement.span)
        for index in statement.indexes:
            yield _inline_index_key(index, statement.table, statement)
    elif isinstance(statement, AlterTable):
        for action in statement.actions:
            if isinstance(action, AddColumn | ModifyColumn):
                yield from _column_keys(action.column, statement.table, statement)
            elif isinstance(action, AddConstraint):
                spans = (action.span, statement.span)
                yield _constraint_key(action.constraint, statement.table, schema, *spans)
            elif isinstance(action, AddIndex):
                yield _inline_index_key(action.index, statement.table, statement)
    elif isinstance(statement, CreateIndex):
        yield DefinedKey(
            UNIQUE if statement.unique else INDEX,
            statement.name,
            statement.table,
            _element_names(statement.elements),
            statement.span,
            method=statement.method,
        )


def located(message: str, span: Span) -> Violation:
    """A violation at `span` (at the statement when the element has no span)."""
    if span == NO_SPAN:
        return Violation(message)
    return Violation(
        message,
        line=span.line,
        column=span.column,
        end_line=span.end_line or None,
        end_column=span.end_column or None,
    )


def _column_keys(
    column: ColumnDef, table: ObjectName, statement: Statement
) -> Iterator[DefinedKey]:
    for constraint in column.constraints:
        kind = _KINDS.get(constraint.kind)
        if kind is None:
            continue
        yield DefinedKey(
            kind,
            constraint.name,
            table,
            constraint.columns or (column.name,),
            first_span(constraint.span, column.span, statement.span),
            constraint.references,
            using_index=constraint.using_index,
        )


def _constraint_key(
    constraint: Constraint, table: ObjectName, schema: SchemaModel, *fallbacks: Span
) -> DefinedKey:
    columns = constraint.columns
    if constraint.kind is ConstraintKind.CHECK and not columns and constraint.check is not None:
        seen = dict.fromkeys(column.name for column in constraint.check.columns())
        columns = tuple(Name(name) for name in seen)
    if constraint.using_index is not None and not columns:
        columns = _index_columns(constraint.using_index, table, schema)
    return DefinedKey(
        _KINDS.get(constraint.kind, str(constraint.kind)),
        constraint.name,
        table,
        columns,
        first_span(constraint.span, *fallbacks),
        constraint.references,
        constraint.index_method,
        constraint.using_index,
    )


def _inline_index_key(index: InlineIndex, table: ObjectName, statement: Statement) -> DefinedKey:
    return DefinedKey(
        UNIQUE if index.unique else INDEX,
        index.name,
        table,
        _element_names(index.elements),
        first_span(index.span, statement.span),
        method=index.method,
    )


def _index_columns(index: Name, table: ObjectName, schema: SchemaModel) -> tuple[Name, ...]:
    existing = schema.index_named(ObjectName(index, table.schema))
    if existing is None:
        return ()
    return tuple(Name(column) for column in existing.columns)


def _element_names(elements: tuple[IndexElement, ...]) -> tuple[Name, ...]:
    names = []
    for element in elements:
        if element.column is not None:
            names.append(element.column)
        elif element.expression is not None:
            names.append(Name(element.expression.text, span=element.expression.span))
    return tuple(names)


def first_span(*spans: Span) -> Span:
    """The first span that is known (a normalizer may leave an element's span unset)."""
    return next((span for span in spans if span != NO_SPAN), NO_SPAN)


def defined_columns(statement: Statement) -> dict[str, ColumnDef]:
    """The columns a CREATE TABLE or ALTER TABLE defines (added, modified, changed), by the
    name the engine compares."""
    if isinstance(statement, CreateTable):
        return {column.name.value: column for column in statement.columns}
    if isinstance(statement, AlterTable):
        return {
            action.column.name.value: action.column
            for action in statement.actions
            if isinstance(action, AddColumn | ModifyColumn)
        }
    return {}


@dataclass(frozen=True)
class KeyColumn:
    """A column of a key with its type: defined by the statement, or as the schema before it
    has it (`type` the canonical base name, `written` as written or replayed)."""

    name: Name
    type: str | None
    written: str
    span: Span


def key_columns(key: DefinedKey, context: StatementContext) -> Iterator[KeyColumn]:
    """The key's columns with their types, at the column definition when the statement
    defines it and at the key otherwise (a column the schema does not know is skipped)."""
    definitions = defined_columns(context.statement)
    table = context.schema.lookup(key.table)
    for name in key.columns:
        definition = definitions.get(name.value)
        if definition is not None:
            if definition.type is not None:
                written = definition.type.written
                yield KeyColumn(
                    name, definition.type.name, written, first_span(definition.span, key.span)
                )
            continue
        column = table.columns.get(name.value) if table is not None else None
        if column is not None:
            yield KeyColumn(name, column_type(column, context.dialect), column.type, key.span)
