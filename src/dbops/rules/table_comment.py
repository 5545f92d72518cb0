from __future__ import annotations

from collections.abc import Iterable, Iterator

from dbops.core.statements import Comment, CreateTable, CreateTableAs, Statement
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.keys import first_span, located
from dbops.rules.facts.table_options import created_table
from dbops.rules.options import CommentOptions


class TableComment(Rule):
    """
    ## What it does
    Reports a table created without a comment (when required; a temporary table needs none)
    and table comments longer than the limit. A `COMMENT ON TABLE` later in the same migration
    counts; the file's final comment is what is judged.

    ## Why is this bad?
    A comment is where a schema says what a table is for; schema browsers, data catalogs and
    the next developer read it.

    ## Example
    ```sql
    CREATE TABLE ledger (id bigint PRIMARY KEY);
    ```

    ## Use instead
    ```sql
    CREATE TABLE ledger (id bigint PRIMARY KEY);
    COMMENT ON TABLE ledger IS 'double-entry bookings';
    ```

    ## Options
    - `required`: whether every new table needs a comment (default true).
    - `max_length` (Bytebase: `maxLength`): longest comment (default 64).
    """

    name = "table-comment"
    bytebase_type = "table.comment"
    default_level = None
    category = "table"
    Options = CommentOptions
    bad_example = "CREATE TABLE ledger (id bigint PRIMARY KEY);"
    good_example = (
        "CREATE TABLE ledger (id bigint PRIMARY KEY);\n"
        "COMMENT ON TABLE ledger IS 'double-entry bookings';"
    )
    reads_model = True
    statement_kinds = (CreateTable, CreateTableAs, Comment)

    def check(self, context: StatementContext) -> Iterator[Violation]:
        assert isinstance(self.options, CommentOptions)
        statement = context.statement
        created = created_table(statement)
        if created is not None and self.options.required and not created.temporary:
            table = created.table
            final = _last_comment(context.following, table.name.value)
            text = final.comment if final is not None else created.option("COMMENT")
            if not text:
                span = first_span(table.span, table.name.span, statement.span)
                yield located(f"table {table.written} has no comment", span)
        if isinstance(statement, Comment) and statement.object_kind == "TABLE":
            text = statement.comment
            too_long = text is not None and len(text) > self.options.max_length
            if too_long and _last_comment(context.following, statement.target.name.value) is None:
                yield located(
                    f"table comment is longer than {self.options.max_length} characters",
                    statement.span,
                )


def _last_comment(statements: Iterable[Statement], table: str) -> Comment | None:
    """The last `COMMENT ON TABLE` of the table (by unqualified name) among the statements:
    the one that stands once they have run."""
    found = None
    for statement in statements:
        if (
            isinstance(statement, Comment)
            and statement.object_kind == "TABLE"
            and statement.target.name.value == table
        ):
            found = statement
    return found
