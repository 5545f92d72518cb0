"""Option models shared by rules, with Bytebase's payload keys as aliases (`maxLength`, `list`,
`number`), so that a Bytebase config's payload validates as it is."""

from __future__ import annotations

from pydantic import Field

from dbops.rules.base import NoOptions


class NamingOptions(NoOptions):
    format: str = Field(
        default="^[a-z]+(_[a-z]+)*$", description="regular expression a name must match"
    )
    max_length: int = Field(default=63, alias="maxLength", description="longest name allowed")


class ListOptions(NoOptions):
    values: list[str] = Field(default_factory=list, alias="list", description="the list")


class NumberOptions(NoOptions):
    number: int = Field(default=5, description="the limit")


class CommentOptions(NoOptions):
    required: bool = Field(default=True, description="whether a comment is required")
    max_length: int = Field(default=64, alias="maxLength", description="longest comment allowed")
