from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AlterTable, Comment, CreateTable
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.columns import defined_columns, final_column_comments, violation_at
from dbops.rules.options import CommentOptions


class ColumnComment(Rule):
    """
    ## What it does
    Reports columns created or added without a comment (when required) and column comments
    longer than the limit. `COMMENT ON COLUMN` later in the same migration counts.

    ## Why is this bad?
    Column comments document units, encodings and meanings that names cannot carry.

    ## Example
    ```sql
    CREATE TABLE ledger (amount bigint NOT NULL);
    ```

    ## Use instead
    ```sql
    CREATE TABLE ledger (amount bigint NOT NULL);
    COMMENT ON COLUMN ledger.amount IS 'in cents';
    ```

    ## Options
    - `required`: whether every new column needs a comment (default true).
    - `max_length` (Bytebase: `maxLength`): longest comment (default 64).
    """

    name = "column-comment"
    bytebase_type = "column.comment"
    default_level = None
    category = "column"
    reads_model = True
    statement_kinds = (CreateTable, AlterTable, Comment)
    Options = CommentOptions
    bad_example = "CREATE TABLE ledger (amount bigint NOT NULL);"
    good_example = (
        "CREATE TABLE ledger (amount bigint NOT NULL);\n"
        "COMMENT ON COLUMN ledger.amount IS 'in cents';"
    )

    def check(self, context: StatementContext) -> Iterator[Violation]:
        assert isinstance(self.options, CommentOptions)
        statement = context.statement
        limit = self.options.max_length
        if isinstance(statement, Comment):
            if statement.object_kind != "COLUMN" or statement.column is None:
                return
            # Later statements are read only for a comment too long or a statement that
            # defines columns: reading them for every statement made long files quadratic.
            key = (statement.target.name.value, statement.column.value)
            if len(statement.comment or "") > limit and key not in final_column_comments(
                context.following
            ):
                yield violation_at(
                    f"column comment is longer than {limit} characters", statement.span
                )
            return
        defined = list(defined_columns(statement, modified=False))
        later = final_column_comments(context.following) if defined else {}
        for site in defined:
            column = site.column
            final = later.get((site.table.name.value, column.name.value))
            comment = final.comment if final is not None else column.comment
            where = f"{site.table.written}.{column.name.written}"
            if self.options.required and not comment:
                yield violation_at(f"column {where} has no comment", site.span)
            elif final is None and len(column.comment or "") > limit:
                yield violation_at(
                    f"comment of column {where} is longer than {limit} characters", site.span
                )
