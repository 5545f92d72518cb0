"""The pieces statements are made of: source spans, names as written, types, expressions.

Everything here is dbops' own, frozen, and free of any parser's types: the normalizers in
`dbops.parsing` build it from pglast (PostgreSQL) or sqlglot (MySQL/MariaDB, SQLite), and the
rules and the schema replay read only this. A name keeps both the spelling the engine compares
(`value`: folded the way the engine folds it) and the spelling the user wrote (`written`), so a
message can quote the SQL as written while the replay compares names as the engine does.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True)
class Span:
    """Where an element stands in its migration file: 1-based lines and columns, end inclusive
    of the last character (`end_column` is the column of the last character)."""

    line: int
    column: int
    end_line: int
    end_column: int

    def contains(self, line: int, column: int) -> bool:
        return (self.line, self.column) <= (line, column) <= (self.end_line, self.end_column)


NO_SPAN = Span(0, 0, 0, 0)


@dataclass(frozen=True)
class Name:
    """An identifier: `value` as the engine compares it, `written` as the user wrote it."""

    value: str
    written: str = ""
    quoted: bool = False
    span: Span = field(default=NO_SPAN, compare=False)

    def __post_init__(self) -> None:
        if not self.written:
            object.__setattr__(self, "written", self.value)

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class ObjectName:
    """A possibly qualified object name: `public.users`, `shop.orders`, `users`."""

    name: Name
    schema: Name | None = None  # PostgreSQL schema, MySQL database
    catalog: Name | None = None
    span: Span = field(default=NO_SPAN, compare=False)

    @property
    def written(self) -> str:
        parts = [p.written for p in (self.catalog, self.schema) if p is not None]
        return ".".join([*parts, self.name.written])

    def key(self, default_schema: str = "") -> str:
        """The name the schema model files the object under: `schema.name`, or `name` where
        the engine has no schemas (SQLite) and none is written."""
        schema = self.schema.value if self.schema is not None else default_schema
        return f"{schema}.{self.name.value}" if schema else self.name.value


@dataclass(frozen=True)
class TypeName:
    """A column type. `name` is the engine's canonical lower-case base name (`integer`,
    `bigint`, `character varying`, `varchar`, `timestamp with time zone`, `int`), `written` the
    type as written (`int4`, `VARCHAR(255)`, `timestamptz`, `char(10)[]`)."""

    name: str
    written: str
    parameters: tuple[str, ...] = ()  # `(10, 2)` -> ("10", "2"); `enum('a','b')` -> ("'a'", …)
    array_dimensions: int = 0  # `int[]` -> 1, `text[][]` -> 2
    unsigned: bool = False  # MySQL
    zerofill: bool = False  # MySQL
    charset: str | None = None  # MySQL `CHARACTER SET utf8mb4` written on the type
    collation: str | None = None
    with_time_zone: bool = False
    span: Span = field(default=NO_SPAN, compare=False)

    @property
    def length(self) -> int | None:
        """The first parameter when it is a number: `varchar(255)` -> 255."""
        if self.parameters and self.parameters[0].isdigit():
            return int(self.parameters[0])
        return None

    @property
    def is_array(self) -> bool:
        return self.array_dimensions > 0


class ExprKind(StrEnum):
    COLUMN = "column"  # a column reference: `name` is the column, `qualifier` the table
    LITERAL = "literal"  # a number, string, boolean: `text` as written
    NULL = "null"
    FUNCTION = "function"  # `name` lower case: `now`, `gen_random_uuid`, `nextval`, `rand`
    OPERATOR = "operator"  # `name`: `=`, `<>`, `+`, `and`, `or`, `not`, `like`, `ilike`, `in`,
    # `is`, `is not`, `between`, `-` (unary minus when one argument)
    CAST = "cast"  # `name` the target type as written; one argument
    SUBQUERY = "subquery"  # `query` set
    STAR = "star"  # `*` or `t.*`
    PARAMETER = "parameter"  # `$1`, `?`, `:name`
    ARRAY = "array"  # `ARRAY[…]` / `'{…}'` written as an array constructor
    ROW = "row"  # `(a, b)` lists, `ROW(…)`
    CASE = "case"
    OTHER = "other"  # anything else; `text` says what


@dataclass(frozen=True)
class Expr:
    """An expression as dbops models it: enough for the rules to tell what a DEFAULT, a WHERE
    or a SET computes, with the text as written for messages."""

    kind: ExprKind
    text: str  # as written in the file
    name: str = ""  # function name, operator, column name, cast type (see ExprKind)
    qualifier: str = ""  # a column's table or alias (`u` in `u.id`)
    arguments: tuple[Expr, ...] = ()
    query: Query | None = None  # a subquery's query
    span: Span = field(default=NO_SPAN, compare=False)

    def walk(self) -> Iterator[Expr]:
        """This expression and every expression inside it, not descending into subqueries
        (their queries are walked by `Query.walk`)."""
        yield self
        for argument in self.arguments:
            yield from argument.walk()

    def functions(self) -> Iterator[Expr]:
        return (e for e in self.walk() if e.kind is ExprKind.FUNCTION)

    def columns(self) -> Iterator[Expr]:
        return (e for e in self.walk() if e.kind is ExprKind.COLUMN)

    def stripped(self) -> Expr:
        """The expression inside casts: `'x'::text` -> `'x'`."""
        inner = self
        while inner.kind is ExprKind.CAST and inner.arguments:
            inner = inner.arguments[0]
        return inner


@dataclass(frozen=True)
class TableSource:
    """A table read by a query: `FROM orders o`, `JOIN users u ON …`."""

    table: ObjectName | None  # None for a subquery or function in FROM
    alias: str = ""
    subquery: Query | None = None
    join_condition: Expr | None = None  # `ON …` of a join
    span: Span = field(default=NO_SPAN, compare=False)


@dataclass(frozen=True)
class Query:
    """A SELECT (or a set operation of SELECTs, or VALUES), with what the rules ask of it."""

    text: str
    sources: tuple[TableSource, ...] = ()
    select_star: bool = False  # `SELECT *` or `SELECT t.*` in this query's own list
    selected: tuple[Expr, ...] = ()  # the select list
    where: Expr | None = None
    having: Expr | None = None
    order_by: tuple[Expr, ...] = ()
    limit: Expr | None = None
    ctes: tuple[Query, ...] = ()  # WITH queries
    cte_names: tuple[Name, ...] = ()  # the names of `ctes`, in the same order: a FROM that
    # names one reads the CTE, not a table
    set_operands: tuple[Query, ...] = ()  # the parts of UNION / INTERSECT / EXCEPT
    values_rows: int = 0  # a VALUES list: how many rows
    span: Span = field(default=NO_SPAN, compare=False)
    name: Name | None = None  # a WITH query's name (`recent` in `WITH recent AS (…)`)
    recursive: bool = False  # its WITH is RECURSIVE: each of `ctes` also sees itself

    def walk(self) -> Iterator[Query]:
        """This query and every query nested in it (CTEs, set operands, subqueries in FROM,
        in the select list, in WHERE and HAVING)."""
        yield self
        for nested in (*self.ctes, *self.set_operands):
            yield from nested.walk()
        for source in self.sources:
            if source.subquery is not None:
                yield from source.subquery.walk()
        for expr in self.expressions():
            for inner in expr.walk():
                if inner.query is not None:
                    yield from inner.query.walk()

    def expressions(self) -> Iterator[Expr]:
        """The top expressions of this query itself (not of nested queries)."""
        yield from self.selected
        for part in (self.where, self.having, self.limit):
            if part is not None:
                yield part
        yield from self.order_by
        for source in self.sources:
            if source.join_condition is not None:
                yield source.join_condition
