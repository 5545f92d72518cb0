from __future__ import annotations

from collections.abc import Iterator

from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.comments import CommentSet, comment_statement, final_comments
from dbops.rules.options import CommentOptions
from dbops.rules.shapes import column_definitions


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
    needs_tree = False
    Options = CommentOptions
    bad_example = "CREATE TABLE ledger (amount bigint NOT NULL);"
    good_example = (
        "CREATE TABLE ledger (amount bigint NOT NULL);\n"
        "COMMENT ON COLUMN ledger.amount IS 'in cents';"
    )

    def check(self, context: RuleContext) -> Iterator[Violation]:
        assert isinstance(self.options, CommentOptions)
        statement = context.statement
        # Later statements are read only for a statement that defines or comments a column:
        # reading them for every statement made long data files quadratic.
        later_comments: dict[tuple[str, ...], CommentSet] | None = None

        def later() -> dict[tuple[str, ...], CommentSet]:
            nonlocal later_comments
            if later_comments is None:
                later_comments = final_comments(context.following, "COLUMN")
            return later_comments

        if self.options.required and not statement.opaque:
            for site in column_definitions(statement.tree):
                table = context.schema.name_of(site.table.this)
                column = context.schema.name_of(site.definition.this)
                inline = next(
                    (
                        c.kind.this.this
                        for c in site.definition.constraints
                        if c.kind.key == "commentcolumnconstraint" and c.kind.this is not None
                    ),
                    None,
                )
                final = later().get((table.lower(), column.lower()))
                if not (final.text if final is not None else inline):
                    yield Violation(f"column {table}.{column} has no comment")
        comment = comment_statement(statement, "COLUMN")
        too_long = comment is not None and len(comment.text or "") > self.options.max_length
        if comment is not None and too_long and later().get(comment.target[-2:]) is None:
            yield Violation(f"column comment is longer than {self.options.max_length} characters")
