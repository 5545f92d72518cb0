from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AlterTable, CreateTable
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.columns import type_in_list, typed_columns
from dbops.rules.facts.pointing import violation_at
from dbops.rules.options import ListOptions


class ColumnTypeDisallowList(Rule):
    """
    ## What it does
    Reports columns created, added or changed to a type on the deny list.

    ## Why is this bad?
    Teams ban types that hurt them: `json` instead of `jsonb`, `money`, large objects. The list
    keeps new tables consistent with that decision.

    ## Example
    ```sql
    CREATE TABLE events (id bigint PRIMARY KEY, payload json);
    ```

    ## Use instead
    ```sql
    CREATE TABLE events (id bigint PRIMARY KEY, payload jsonb);
    ```

    ## Options
    - `values` (Bytebase: `list`): the disallowed type names (default `json`).
    """

    name = "column-type-disallow-list"
    bytebase_type = "column.type-disallow-list"
    default_level = None
    category = "column"
    reads_model = True
    statement_kinds = (CreateTable, AlterTable)
    Options = ListOptions
    bad_example = "CREATE TABLE events (id bigint PRIMARY KEY, payload json);"
    good_example = "CREATE TABLE events (id bigint PRIMARY KEY, payload jsonb);"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        assert isinstance(self.options, ListOptions)
        banned = self.options.values or ["json"]
        for typed in typed_columns(context.statement):
            if type_in_list(typed.type, banned, context.dialect):
                verb = "becomes" if typed.retyped else "has"
                yield violation_at(
                    f'column "{typed.name.written}" {verb} disallowed type {typed.type.written}',
                    typed.span,
                )
