from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.comments import comment_statement, final_comments
from dbops.rules.options import CommentOptions
from dbops.rules.shapes import create_table


class TableComment(Rule):
    """
    ## What it does
    Reports a table created without a comment (when required) and table comments longer than
    the limit. A `COMMENT ON TABLE` later in the same migration counts; the file's final
    comment is what is judged.

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
    needs_tree = False
    Options = CommentOptions
    bad_example = "CREATE TABLE ledger (id bigint PRIMARY KEY);"
    good_example = (
        "CREATE TABLE ledger (id bigint PRIMARY KEY);\n"
        "COMMENT ON TABLE ledger IS 'double-entry bookings';"
    )

    def check(self, context: RuleContext) -> Iterator[Violation]:
        assert isinstance(self.options, CommentOptions)
        statement = context.statement
        created = create_table(statement.tree) if not statement.opaque else None
        if created is not None and self.options.required:
            name = context.schema.name_of(created[0].this)
            inline = _inline_comment(statement.tree)
            final = final_comments(context.following, "TABLE").get((name.lower(),))
            text = final.text if final is not None else inline
            if not text:
                yield Violation(f"table {name} has no comment")
        comment = comment_statement(statement, "TABLE")
        if comment is not None and comment.text and len(comment.text) > self.options.max_length:
            later = final_comments(context.following, "TABLE").get(comment.target[-1:])
            if later is None:
                yield Violation(
                    f"table comment is longer than {self.options.max_length} characters"
                )


def _inline_comment(tree: exp.Expression | None) -> str | None:
    prop = tree.find(exp.SchemaCommentProperty) if tree is not None else None
    return str(prop.this.this) if prop is not None and prop.this is not None else None
