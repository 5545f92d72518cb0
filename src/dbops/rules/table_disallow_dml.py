from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.core.schema import SchemaModel
from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.options import ListOptions
from dbops.rules.tokens import text_words, unqualified

_DML = (exp.Insert, exp.Update, exp.Delete, exp.Merge)
_REPLACE_NOISE = frozenset({"INTO", "LOW_PRIORITY", "DELAYED"})


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
    needs_tree = False
    Options = ListOptions
    example_options = {"list": ["ledger"]}
    bad_example = "UPDATE ledger SET amount = 0 WHERE id = 7;"
    good_example = "INSERT INTO ledger_corrections (entry_id, amount) VALUES (7, 0);"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        assert isinstance(self.options, ListOptions)
        frozen = {name.lower() for name in self.options.values}
        statement = context.statement
        if isinstance(statement.tree, _DML):
            target = _written_table(statement.tree, context.schema).lower()
        elif statement.keywords[:1] == ("REPLACE",):
            names = [w for w in text_words(statement)[1:] if w.upper() not in _REPLACE_NOISE]
            target = unqualified(names).lower() if names else ""
        else:
            return
        if target in frozen:
            yield Violation(f"table {target} takes no DML under this policy")


def _written_table(tree: exp.Expression, schema: SchemaModel) -> str:
    target = tree.this
    if isinstance(target, exp.Schema):  # INSERT INTO t (a, b)
        target = target.this
    return schema.name_of(target.this) if isinstance(target, exp.Table) else ""
