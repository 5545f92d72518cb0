from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AlterTable, Comment, CreateTable
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.columns import FileColumnComments, column_comment_key, defined_columns
from dbops.rules.facts.pointing import violation_at
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
    _file_comments: FileColumnComments | None = None
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
            key = column_comment_key(statement)
            if key is None or len(statement.comment or "") <= limit:
                return
            if self._comments(context).after(context, key) is None:  # not replaced later
                yield violation_at(
                    f"column comment is longer than {limit} characters", statement.span
                )
            return
        for site in defined_columns(statement, modified=False):
            column = site.column
            key = (site.table.name.value, column.name.value)
            final = self._comments(context).after(context, key)
            comment = final.comment if final is not None else column.comment
            where = f"{site.table.written}.{column.name.written}"
            if self.options.required and not comment:
                yield violation_at(f"column {where} has no comment", site.span)
            elif final is None and len(column.comment or "") > limit:
                yield violation_at(
                    f"comment of column {where} is longer than {limit} characters", site.span
                )

    def _comments(self, context: StatementContext) -> FileColumnComments:
        """The file's column comments, gathered once per file: gathering the later
        statements' comments anew for each statement made long files quadratic. A cache of
        one file, keyed by its path and checksum, so the answer never depends on what the
        rule saw before."""
        cached = self._file_comments
        if cached is None or not cached.is_of(context):
            cached = self._file_comments = FileColumnComments.of(context)
        return cached
