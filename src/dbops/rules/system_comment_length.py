from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from dbops.core.statements import Comment
from dbops.rules.base import NoOptions, Rule, StatementContext, Violation


class CommentLengthOptions(NoOptions):
    max_length: int = Field(default=64, alias="number", description="longest comment")


class SystemCommentLength(Rule):
    """
    ## What it does
    Reports `COMMENT ON … IS '…'` longer than the limit, on any object (PostgreSQL).

    ## Why is this bad?
    Long comments are truncated by schema browsers and belong in documentation.

    ## Example
    ```sql
    COMMENT ON TABLE users IS
      'every person who ever signed up, including deleted accounts, bots and test users';
    ```

    ## Use instead
    ```sql
    COMMENT ON TABLE users IS 'people who signed up';
    ```

    ## Options
    - `max_length` (Bytebase: `number`): longest comment (default 64).
    """

    name = "system-comment-length"
    bytebase_type = "system.comment.length"
    default_level = None
    dialects = frozenset({"postgres"})
    category = "system"
    Options = CommentLengthOptions
    bad_example = (
        "COMMENT ON TABLE users IS 'every person who ever signed up, including deleted accounts, "
        "bots and test users';"
    )
    good_example = "COMMENT ON TABLE users IS 'people who signed up';"
    reads_model = True
    statement_kinds = (Comment,)

    def check(self, context: StatementContext) -> Iterator[Violation]:
        assert isinstance(self.options, CommentLengthOptions)
        statement = context.statement
        assert isinstance(statement, Comment)
        if statement.comment is not None and len(statement.comment) > self.options.max_length:
            yield Violation(
                f"comment on {statement.object_kind.lower()} {_target(statement)} is "
                f"{len(statement.comment)} characters long (at most {self.options.max_length})"
            )


def _target(comment: Comment) -> str:
    if comment.column is not None:
        return f"{comment.target.written}.{comment.column.written}"
    return comment.target.written
