"""Names from sqlglot identifiers and tables, folded the way each engine compares them.

MySQL (on Linux, `lower_case_table_names=0`) compares table and database names case-sensitively
and column, index and constraint names without case; SQLite compares every name without case.
`Name.value` holds the compared spelling, `Name.written` the spelling as written.
"""

from __future__ import annotations

from sqlglot import exp
from sqlglot.tokenizer_core import TokenType

from dbops.core.statements import Name, ObjectName, Span
from dbops.parsing.sqlglot_tokens import Reader


def name(reader: Reader, node: exp.Expr | None, table: bool = False) -> Name:
    """A column/index/constraint name (`table` False) or a table/database name."""
    identifier = _identifier(node)
    if identifier is None:
        text = node.name if isinstance(node, exp.Expr) else ""
        return Name(value=_fold(reader, text, table), written=text)
    written = str(identifier.this)
    quoted = bool(identifier.args.get("quoted"))
    span = reader.meta_span(identifier) or reader.locator.whole()
    return Name(value=_fold(reader, written, table), written=written, quoted=quoted, span=span)


def object_name(reader: Reader, node: exp.Expr | None) -> ObjectName:
    """A table (or view, database-qualified) name from an `exp.Table` (or a bare identifier)."""
    if isinstance(node, exp.Schema):
        node = node.this
    if isinstance(node, exp.Table) and node.this is None and node.args.get("db"):
        node = node.args["db"]  # `DROP SCHEMA s`: sqlglot files the name as a database part
    if isinstance(node, exp.Table):
        schema = node.args.get("db")
        catalog = node.args.get("catalog")
        table_name = name(reader, node.this, table=True)
        schema_name = name(reader, schema, table=True) if schema else None
        catalog_name = name(reader, catalog, table=True) if catalog else None
        first = catalog_name or schema_name or table_name
        return ObjectName(
            name=table_name,
            schema=schema_name,
            catalog=catalog_name,
            span=_joined(first.span, table_name.span),
        )
    if isinstance(node, exp.Column):  # sqlglot reads some table names as columns
        parts = [part for part in node.parts]
        tail = parts[-1]
        schema_part = parts[-2] if len(parts) > 1 else None
        return ObjectName(
            name=name(reader, tail, table=True),
            schema=name(reader, schema_part, table=True) if schema_part else None,
            span=reader.node_span(node),
        )
    single = name(reader, node, table=True)
    return ObjectName(name=single, span=single.span)


def _joined(first: Span, last: Span) -> Span:
    return Span(first.line, first.column, last.end_line, last.end_column)


def token_name(reader: Reader, index: int, table: bool = False) -> Name:
    """A name read from the token at `index` (for statements sqlglot keeps as commands)."""
    if not 0 <= index < len(reader):  # a statement cut short: no name where one belongs
        return Name(value="", written="", span=reader.locator.whole())
    token = reader.tokens[index]
    written = token.text
    quoted = token.token_type in (TokenType.IDENTIFIER, TokenType.STRING)
    return Name(
        value=_fold(reader, written, table),
        written=written,
        quoted=quoted,
        span=reader.span(index, index),
    )


def token_object_name(reader: Reader, index: int) -> tuple[ObjectName, int]:
    """A possibly qualified name starting at token `index`, and the index after it."""
    if reader.type_at(index + 1) == TokenType.DOT and index + 2 < len(reader):
        schema = token_name(reader, index, table=True)
        table = token_name(reader, index + 2, table=True)
        return ObjectName(name=table, schema=schema, span=reader.span(index, index + 2)), index + 3
    table = token_name(reader, index, table=True)
    return ObjectName(name=table, span=table.span), index + 1


def is_name_token(reader: Reader, index: int) -> bool:
    kind = reader.type_at(index)
    if kind is None:
        return False
    return kind in (TokenType.VAR, TokenType.IDENTIFIER) or (
        kind not in _PUNCTUATION and reader.tokens[index].text.replace("_", "").isalnum()
    )


_PUNCTUATION = frozenset(
    [TokenType.COMMA, TokenType.DOT, TokenType.L_PAREN, TokenType.R_PAREN, TokenType.EQ]
)


def _identifier(node: exp.Expr | None) -> exp.Identifier | None:
    while node is not None and not isinstance(node, exp.Identifier):
        inner = node.args.get("this") if isinstance(node, exp.Expr) else None
        if not isinstance(inner, exp.Expr):
            return None
        node = inner
    return node


def _fold(reader: Reader, text: str, table: bool) -> str:
    if reader.dialect == "sqlite" or not table:
        return text.lower()
    return text


# MySQL compares these objects' names without case (tables, databases and triggers keep it).
CASELESS_OBJECTS = frozenset(["FUNCTION", "PROCEDURE", "EVENT", "INDEX"])


def routine_name(reader: Reader, named: ObjectName, object_kind: str) -> ObjectName:
    """`named` with its own name folded when MySQL compares that kind of object without case
    (a stored function, procedure or event; SQLite folds every name already)."""
    if reader.dialect == "sqlite" or object_kind.upper() not in CASELESS_OBJECTS:
        return named
    folded = Name(
        value=named.name.written.lower(),
        written=named.name.written,
        quoted=named.name.quoted,
        span=named.name.span,
    )
    return ObjectName(name=folded, schema=named.schema, catalog=named.catalog, span=named.span)
