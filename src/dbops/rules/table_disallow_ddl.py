from __future__ import annotations

from collections.abc import Iterator

from dbops.core.sql import ParsedStatement
from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.options import ListOptions
from dbops.rules.tokens import dropped_tables, text_words, unqualified


class TableDisallowDdl(Rule):
    """
    ## What it does
    Reports `CREATE`, `ALTER`, `DROP`, `TRUNCATE` and `RENAME` statements on the tables named in
    the option (frozen tables: owned by another team, replicated elsewhere, under audit).

    ## Why is this bad?
    Some tables must not change shape through this project's migrations at all; listing them
    stops a change before review instead of after deployment.

    ## Example
    ```sql
    ALTER TABLE ledger ADD COLUMN note text;
    ```

    ## Use instead
    ```sql
    ALTER TABLE ledger_notes ADD COLUMN note text;
    ```

    ## Options
    - `values` (Bytebase: `list`): the tables that take no DDL (the examples assume `ledger`).
    """

    name = "table-disallow-ddl"
    bytebase_type = "table.disallow-ddl"
    default_level = None
    category = "table"
    needs_tree = False
    Options = ListOptions
    example_options = {"list": ["ledger"]}
    bad_example = "ALTER TABLE ledger ADD COLUMN note text;"
    good_example = "ALTER TABLE ledger_notes ADD COLUMN note text;"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        assert isinstance(self.options, ListOptions)
        frozen = {name.lower() for name in self.options.values}
        for table in _ddl_tables(context.statement):
            if table.lower() in frozen:
                yield Violation(f"table {table} takes no DDL under this policy")


def _ddl_tables(statement: ParsedStatement) -> list[str]:
    if statement.keywords[:2] == ("DROP", "TABLE"):
        return dropped_tables(statement)
    # From the text: sqlglot keeps `RENAME TABLE a TO b` as one token after RENAME.
    texts = text_words(statement)
    words = [text.upper() for text in texts]
    if tuple(words[:2]) in _LEADS:
        rest = [t for t, w in zip(texts[2:], words[2:], strict=False) if w not in _NOISE]
        return [unqualified(rest)] if rest else []
    if words[:1] == ["TRUNCATE"] and len(texts) > 1:
        return [unqualified(texts[1:])]
    return []


_LEADS = frozenset(
    {("CREATE", "TABLE"), ("ALTER", "TABLE"), ("TRUNCATE", "TABLE"), ("RENAME", "TABLE")}
)
_NOISE = frozenset({"IF", "NOT", "EXISTS", "ONLY", "IGNORE", "TEMPORARY"})
