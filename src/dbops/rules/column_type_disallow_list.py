from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.options import ListOptions
from dbops.rules.shapes import alter_table, column_definitions, data_type, line_of
from dbops.rules.types import in_list


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
    Options = ListOptions
    bad_example = "CREATE TABLE events (id bigint PRIMARY KEY, payload json);"
    good_example = "CREATE TABLE events (id bigint PRIMARY KEY, payload jsonb);"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        assert isinstance(self.options, ListOptions)
        banned = self.options.values or ["json"]
        for site in column_definitions(context.statement.tree):
            datatype = data_type(site.definition)
            if datatype is not None and in_list(datatype, banned, context.dialect):
                yield Violation(
                    f'column "{site.definition.name}" has disallowed type '
                    f"{datatype.sql(context.dialect)}",
                    line=line_of(site.definition, context.statement),
                )
        altered = alter_table(context.statement.tree)
        for action in altered[1] if altered else []:
            dtype = action.args.get("dtype") if isinstance(action, exp.AlterColumn) else None
            if isinstance(dtype, exp.DataType) and in_list(dtype, banned, context.dialect):
                yield Violation(f'column "{action.name}" becomes disallowed type {dtype.sql()}')
