"""CREATE TABLE (and the table-level constraints ALTER TABLE … ADD shares) from sqlglot trees."""

from __future__ import annotations

from sqlglot import exp

from dbops.core.statements import (
    ColumnDef,
    Constraint,
    ConstraintKind,
    CreateTable,
    CreateTableAs,
    InlineIndex,
    Name,
    ObjectName,
)
from dbops.parsing.sqlglot_columns import (
    column_def,
    foreign_key_target,
    index_elements,
    inline_index,
)
from dbops.parsing.sqlglot_expressions import expr, query, range_expr
from dbops.parsing.sqlglot_names import name, object_name, token_name
from dbops.parsing.sqlglot_tokens import Reader
from dbops.parsing.sqlglot_types import read_type

# Table options: sqlglot's property and the key dbops files it under.
OPTION_KEYS: dict[type[exp.Expr], str] = {
    exp.EngineProperty: "ENGINE",
    exp.CharacterSetProperty: "CHARSET",
    exp.CollateProperty: "COLLATE",
    exp.SchemaCommentProperty: "COMMENT",
    exp.AutoIncrementProperty: "AUTO_INCREMENT",
    exp.RowFormatProperty: "ROW_FORMAT",
}
NOT_OPTIONS = (
    exp.TemporaryProperty,
    exp.LikeProperty,
    exp.PartitionedByProperty,
    exp.PartitionByRangeProperty,
    exp.PartitionByListProperty,
)


def create_table(reader: Reader, node: exp.Create) -> CreateTable | CreateTableAs:
    target = node.this
    table = object_name(reader, target)
    properties = list(node.args["properties"].expressions) if node.args.get("properties") else []
    temporary = any(isinstance(p, exp.TemporaryProperty) for p in properties)
    if_not_exists = bool(node.args.get("exists"))
    text, span = reader.statement.text, reader.locator.whole()
    if isinstance(node.expression, exp.Query):
        return create_table_as(reader, node, table, temporary)
    like = next((p for p in properties if isinstance(p, exp.LikeProperty)), None)
    if like is None and isinstance(target, exp.Schema):  # CREATE TABLE t (LIKE s)
        like = next((e for e in target.expressions if isinstance(e, exp.LikeProperty)), None)
    columns: list[ColumnDef] = []
    constraints: list[Constraint] = []
    indexes: list[InlineIndex] = []
    close = -1
    if isinstance(target, exp.Schema):
        elements, close = _schema_parts(reader, target)
        for element, part in elements:
            read_element(reader, element, part, columns, constraints, indexes)
    partition_by, partitions = _partitions(reader, close + 1)
    return CreateTable(
        text=text,
        span=span,
        table=table,
        columns=tuple(columns),
        constraints=tuple(constraints),
        indexes=tuple(indexes),
        if_not_exists=if_not_exists,
        temporary=temporary,
        like=object_name(reader, like.this) if like is not None else None,
        partition_by=partition_by,
        partitions=partitions,
        options=table_options(reader, properties),
    )


def create_table_as(
    reader: Reader, node: exp.Create, table: ObjectName, temporary: bool
) -> CreateTableAs:
    """CREATE TABLE … [(columns)] AS SELECT: result columns named by the select list (or the
    written column list), typed where the SELECT casts; copied columns noted in
    `column_sources` (`table.column`, the table as written or its alias resolved)."""
    selected = node.expression
    written_columns: list[ColumnDef] = []
    if isinstance(node.this, exp.Schema):
        for element, part in _schema_parts(reader, node.this)[0]:
            if isinstance(element, exp.ColumnDef):
                written_columns.append(column_def(reader, element, part))
    model = query(reader, selected)
    columns, sources = _result_columns(reader, selected)
    names = {column.name.value for column in written_columns}
    merged = tuple(written_columns) + tuple(c for c in columns if c.name.value not in names)
    return CreateTableAs(
        text=reader.statement.text,
        span=reader.locator.whole(),
        table=table,
        query=model,
        columns=merged,
        column_sources=sources,
        if_not_exists=bool(node.args.get("exists")),
        temporary=temporary,
        options=table_options(reader, _properties(node)),
    )


def _properties(node: exp.Create) -> list[exp.Expr]:
    properties = node.args.get("properties")
    return list(properties.expressions) if isinstance(properties, exp.Properties) else []


def _result_columns(
    reader: Reader, selected: exp.Expr
) -> tuple[tuple[ColumnDef, ...], tuple[tuple[str, str], ...]]:
    while isinstance(selected, exp.Subquery | exp.SetOperation):
        selected = selected.this if isinstance(selected, exp.Subquery) else selected.left
    if not isinstance(selected, exp.Select):
        return (), ()
    aliases = _source_aliases(selected)
    columns: list[ColumnDef] = []
    sources: list[tuple[str, str]] = []
    for item in selected.expressions:
        inner = item.this if isinstance(item, exp.Alias) else item
        result = item.alias_or_name
        if isinstance(inner, exp.Star) or (
            isinstance(inner, exp.Column) and isinstance(inner.this, exp.Star)
        ):
            # every column of the table, in its order: ("*", "orders.*")
            qualifier = inner.table if isinstance(inner, exp.Column) else ""
            star_of = aliases.get(qualifier, qualifier) if qualifier else aliases.get("")
            if star_of:
                sources.append(("*", f"{star_of}.*"))
            continue
        if not result:
            continue
        result_name = Name(value=result.lower(), written=result, span=reader.node_span(item))
        type_name = None
        if isinstance(inner, exp.Cast):
            found = reader.node_range(inner)
            at = reader.find("AS", found[0] + 2, found[1] - 1) if found else None
            if found is not None and at is not None:
                type_name, _ = read_type(reader, at + 1, found[1] - 1)
        columns.append(ColumnDef(name=result_name, type=type_name, span=reader.node_span(item)))
        if isinstance(inner, exp.Column):
            table = aliases.get(inner.table, inner.table) if inner.table else aliases.get("", "")
            if table:
                sources.append((result_name.value, f"{table}.{inner.name.lower()}"))
    return tuple(columns), tuple(sources)


def _source_aliases(selected: exp.Select) -> dict[str, str]:
    """Alias (or table name) -> table name as written; "" -> the only table when there is one."""
    aliases: dict[str, str] = {}
    tables = [t for t in selected.find_all(exp.Table) if t.parent_select is selected]
    for table in tables:
        written = ".".join(part.name for part in table.parts)
        aliases[table.alias or table.name] = written
        aliases[table.name] = written
    if len(tables) == 1:
        aliases[""] = ".".join(part.name for part in tables[0].parts)
    return aliases


def _schema_parts(
    reader: Reader, schema: exp.Schema
) -> tuple[list[tuple[exp.Expr, range | None]], int]:
    """Each element of a table's parenthesized definition with its tokens, and the index of
    the closing parenthesis."""
    found = reader.node_range(schema.this) if schema.this is not None else None
    open_at = (found[1] + 1) if found else 0
    while open_at < len(reader) and not reader.is_open(open_at):
        open_at += 1
    close = reader.partner(open_at)
    parts = reader.split(open_at + 1, close - 1)
    elements = list(schema.expressions)
    if len(parts) != len(elements):
        return [(element, None) for element in elements], close
    return list(zip(elements, parts, strict=True)), close


def read_element(
    reader: Reader,
    element: exp.Expr,
    part: range | None,
    columns: list[ColumnDef],
    constraints: list[Constraint],
    indexes: list[InlineIndex],
) -> None:
    """One element of a table definition (or of ALTER TABLE … ADD) into its list."""
    if part is None:
        found = reader.node_range(element)
        part = range(found[0], found[1] + 1) if found else range(0, len(reader))
    if isinstance(element, exp.ColumnDef):
        columns.append(column_def(reader, element, part))
    elif isinstance(element, exp.Identifier):  # SQLite: a column without a type
        columns.append(
            ColumnDef(name=name(reader, element), type=None, span=reader.range_span(part))
        )
    elif isinstance(element, exp.IndexColumnConstraint):
        indexes.append(inline_index(reader, element, part))
    else:
        constraint = table_constraint(reader, element, part)
        if constraint is not None:
            constraints.append(constraint)


def table_constraint(reader: Reader, node: exp.Expr, part: range) -> Constraint | None:
    """A table-level constraint: PRIMARY KEY (…), UNIQUE [KEY] name (…), FOREIGN KEY …,
    CHECK (…), each possibly named with CONSTRAINT name."""
    constraint_name: Name | None = None
    if isinstance(node, exp.Constraint):
        constraint_name = name(reader, node.this)
        node = node.expressions[0] if node.expressions else node
    span = reader.range_span(part)
    if isinstance(node, exp.PrimaryKey):
        return Constraint(
            ConstraintKind.PRIMARY_KEY,
            name=constraint_name,
            columns=_element_names(reader, list(node.expressions)),
            span=span,
        )
    if isinstance(node, exp.UniqueColumnConstraint):
        schema = node.this
        items = list(schema.expressions) if isinstance(schema, exp.Schema) else []
        if isinstance(schema, exp.Schema) and schema.this is not None:
            constraint_name = name(reader, schema.this)  # UNIQUE KEY uk (…): the index name
        return Constraint(
            ConstraintKind.UNIQUE,
            name=constraint_name,
            columns=_element_names(reader, items),
            span=span,
        )
    if isinstance(node, exp.ForeignKey):
        return Constraint(
            ConstraintKind.FOREIGN_KEY,
            name=constraint_name,
            columns=_element_names(reader, list(node.expressions)),
            references=(
                foreign_key_target(reader, node.args["reference"])
                if node.args.get("reference") is not None
                else None
            ),
            span=span,
        )
    if isinstance(node, exp.CheckColumnConstraint | exp.Check):
        at = reader.find("CHECK", part.start, part.stop - 1)
        check = (
            range_expr(reader, node.this, at + 2, reader.partner(at + 1) - 1)
            if at is not None and reader.is_open(at + 1)
            else expr(reader, node.this)
        )
        return Constraint(ConstraintKind.CHECK, name=constraint_name, check=check, span=span)
    return None


def _element_names(reader: Reader, items: list[exp.Expr]) -> tuple[Name, ...]:
    return tuple(e.column for e in index_elements(reader, items) if e.column is not None)


def table_options(reader: Reader, properties: list[exp.Expr]) -> tuple[tuple[str, str], ...]:
    options: list[tuple[str, str]] = []
    for prop in properties:
        if isinstance(prop, NOT_OPTIONS):
            continue
        key = OPTION_KEYS.get(type(prop))
        value = prop.args.get("this")
        if key is None and isinstance(prop, exp.Property):
            key = prop.name.upper()
            value = prop.args.get("value")
        if key is None:
            key = prop.key.upper().removesuffix("PROPERTY")
        options.append((key, _option_value(value)))
    return tuple(options)


def _option_value(value: object) -> str:
    if isinstance(value, exp.Literal | exp.Var | exp.Identifier | exp.Column):
        return value.name
    if isinstance(value, exp.Expr):
        return value.sql()
    return str(value) if value is not None else ""


def _partitions(reader: Reader, start: int) -> tuple[str, tuple[Name, ...]]:
    """`PARTITION BY RANGE (id) (PARTITION p0 …, …)` after the table definition, from tokens."""
    index = start
    while index < len(reader) - 1 and reader.words(index, 2) != ("PARTITION", "BY"):
        index += 1
    if reader.words(index, 2) != ("PARTITION", "BY"):
        return "", ()
    first = index + 2
    last = first
    partitions: list[Name] = []
    while last < len(reader):
        if reader.is_open(last):
            close = reader.partner(last)
            if reader.word(last + 1) == "PARTITION":
                for part in reader.split(last + 1, close - 1):
                    partitions.append(token_name(reader, part.start + 1))
                break
            last = close + 1
            continue
        last += 1
    return reader.text(first, last - 1).strip(), tuple(partitions)
