from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import Delete, Insert, Merge, Update
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.keys import first_span, located
from dbops.rules.options import ListOptions


class TableDisallowDml(Rule):
    """
    ## What it does
    Reports `INSERT`, `UPDATE`, `DELETE`, `REPLACE` and `MERGE` statements that write to the
    tables named in the option.

    ## Why is this bad?
    Some tables are written only by their owning service (a ledger, an outbox, data synced
    from elsewhere); a migration that writes to them bypasses the checks that service makes.

    ## Example
    ```sql
    UPDATE ledger SET amount = 0 WHERE id = 7;
    ```

    ## Use instead
    ```sql
    INSERT INTO ledger_corrections (entry_id, amount) VALUES (7, 0);
    ```

    ## Options
    - `values` (Bytebase: `list`): the tables migrations may not write to (the examples assume
      `ledger`).
    """

    name = "table-disallow-dml"
    bytebase_type = "table.disallow-dml"
    default_level = None
    category = "table"
    Options = ListOptions
    example_options = {"list": ["ledger"]}
    bad_example = "UPDATE ledger SET amount = 0 WHERE id = 7;"
    good_example = "INSERT INTO ledger_corrections (entry_id, amount) VALUES (7, 0);"
    reads_model = True
    statement_kinds = (Insert, Update, Delete, Merge)

    def check(self, context: StatementContext) -> Iterator[Violation]:
        assert isinstance(self.options, ListOptions)
        frozen = {name.lower() for name in self.options.values}
        statement = context.statement
        if isinstance(statement, Insert | Update | Delete):
            target = statement.table
        elif isinstance(statement, Merge):
            target = statement.target
        else:
            return
        if target.name.value.lower() in frozen:
            yield located(
                f"table {target.written} takes no DML under this policy",
                first_span(target.span, target.name.span, statement.span),
            )
