from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import (
    AlterDomain,
    AlterIndex,
    AlterSequence,
    AlterTable,
    AlterType,
    AttachPartition,
    Comment,
    CreateDomain,
    CreateIndex,
    CreateRoutine,
    CreateSequence,
    CreateTable,
    CreateTableAs,
    CreateType,
    CreateView,
    Delete,
    DetachPartition,
    Drop,
    DropIndex,
    Expr,
    Insert,
    LockTable,
    Merge,
    ObjectName,
    Query,
    Select,
    Statement,
    Truncate,
    Update,
)
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.keys import first_span, keys_defined, located

# Statements that create or alter the schema object they name.
_NAMED_OBJECTS = (
    *(CreateView, CreateSequence, AlterSequence, AlterIndex),
    *(CreateType, AlterType, CreateDomain, AlterDomain),
)
# Objects that live in a schema (a DROP SCHEMA, DROP EXTENSION or DROP TRIGGER names none).
_SCHEMA_OBJECTS = frozenset(
    {
        *("TABLE", "VIEW", "MATERIALIZED VIEW", "SEQUENCE", "FOREIGN TABLE", "INDEX", "COLUMN"),
        *("TYPE", "DOMAIN"),
    }
)


class NamingFullyQualified(Rule):
    """
    ## What it does
    Reports tables, sequences and other objects named without their schema (`users` instead of
    `public.users`), in DDL and DML (PostgreSQL): the table a statement creates, alters or
    writes, the tables its queries read, a foreign key's referenced table, a trigger's table.
    Names of CTEs are not objects and are skipped; the new name of a rename stays in its schema.

    ## Why is this bad?
    An unqualified name resolves through the session's `search_path`, which may differ between
    environments, tools and roles: the statement may touch a different object than intended.

    ## Example
    ```sql
    INSERT INTO users (id) VALUES (1);
    ```

    ## Use instead
    ```sql
    INSERT INTO public.users (id) VALUES (1);
    ```
    """

    name = "naming-fully-qualified"
    bytebase_type = "naming.fully-qualified"
    default_level = None
    dialects = frozenset({"postgres"})
    category = "naming"
    bad_example = "INSERT INTO users (id) VALUES (1);"
    good_example = "INSERT INTO public.users (id) VALUES (1);"
    reads_model = True

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        names = list(_object_names(statement, context))
        queries = list(_queries(statement))
        withs = [(query.ctes, query.cte_names) for query in queries]
        if isinstance(statement, Update | Delete):
            withs.append((statement.ctes, statement.cte_names))
        # A FROM may name a WITH query rather than a table; when the normalizer could not name
        # the WITH queries, their readers are left alone rather than reported wrongly.
        if all(len(cte_names) == len(ctes) for ctes, cte_names in withs):
            names += [s.table for query in queries for s in query.sources if s.table is not None]
        with_names = {name.value for _ctes, cte_names in withs for name in cte_names}
        for name in names:
            if name.schema is None and name.name.value not in with_names:
                span = first_span(name.span, name.name.span, statement.span)
                yield located(f'"{name.written}" is not schema-qualified', span)


def _object_names(statement: Statement, context: StatementContext) -> Iterator[ObjectName]:
    """The schema objects a statement names outside its queries (never the new name of a
    rename: PostgreSQL keeps a renamed table in its schema)."""
    if isinstance(statement, CreateTable):
        yield statement.table
        yield from (n for n in (statement.like, statement.partition_of) if n is not None)
        yield from statement.inherits
    elif isinstance(statement, CreateTableAs):
        yield statement.table
    elif isinstance(statement, _NAMED_OBJECTS):
        yield statement.name
    elif isinstance(statement, CreateIndex):
        yield statement.table
    elif isinstance(statement, AlterTable):
        yield statement.table
        for action in statement.actions:
            if isinstance(action, AttachPartition | DetachPartition):
                yield action.partition
    elif isinstance(statement, DropIndex) or (
        isinstance(statement, Drop) and statement.object_kind in _SCHEMA_OBJECTS
    ):
        yield from statement.names
    elif isinstance(statement, Truncate | LockTable):
        yield from statement.tables
    elif isinstance(statement, CreateRoutine) and statement.on_table is not None:
        yield statement.on_table  # a trigger's table: the trigger itself has no schema
    elif isinstance(statement, Comment) and statement.object_kind in _SCHEMA_OBJECTS:
        yield statement.target
    elif isinstance(statement, Insert | Update | Delete):
        yield statement.table
    elif isinstance(statement, Merge):
        yield statement.target
    for key in keys_defined(statement, context.schema):
        if key.references is not None:
            yield key.references.table


def _queries(statement: Statement) -> Iterator[Query]:
    """Every query of the statement, nested ones included."""
    tops: list[Query] = []
    if isinstance(statement, CreateTableAs | CreateView | Select | Insert):
        tops += [statement.query] if statement.query is not None else []
    elif isinstance(statement, Update):
        tops += [*statement.ctes, *statement.sources]
    elif isinstance(statement, Delete):
        tops += [*statement.ctes, *statement.using]
    elif isinstance(statement, Merge) and statement.source is not None:
        tops.append(statement.source)
    for expression in _expressions(statement):
        tops += [e.query for e in expression.walk() if e.query is not None]
    for top in tops:
        yield from top.walk()


def _expressions(statement: Statement) -> Iterator[Expr]:
    if isinstance(statement, Update | Delete) and statement.where is not None:
        yield statement.where
    if isinstance(statement, Update):
        yield from (assignment.value for assignment in statement.assignments)
