from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from dbops.rules.base import NoOptions, Rule, RuleContext, Violation


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
    needs_tree = False
    Options = CommentLengthOptions
    bad_example = (
        "COMMENT ON TABLE users IS 'every person who ever signed up, including deleted accounts, "
        "bots and test users';"
    )
    good_example = "COMMENT ON TABLE users IS 'people who signed up';"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        assert isinstance(self.options, CommentLengthOptions)
        statement = context.statement
        words = statement.keywords
        if words[:2] != ("COMMENT", "ON") or "IS" not in words:
            return
        at = words.index("IS") + 1
        text = statement.tokens[at].text if at < len(words) else ""
        if len(text) > self.options.max_length and words[at] != "NULL":
            yield Violation(f"comment is longer than {self.options.max_length} characters")
