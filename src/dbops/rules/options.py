"""Option models shared by rules, with Bytebase's payload keys as aliases (`maxLength`, `list`,
`number`), so that a Bytebase config's payload validates as it is."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field

from dbops.rules.base import NoOptions


def _compiles(pattern: str) -> str:
    """A regular expression option is checked when the policy loads, not when the first name
    meets it (Bytebase's `{{table}}`-style placeholders stand for plain text)."""
    try:
        re.compile(re.sub(r"\{\{\w+\}\}", "x", pattern))
    except re.error as exc:
        raise ValueError(f"'{pattern}' is not a valid regular expression ({exc})") from None
    return pattern


Regex = Annotated[str, AfterValidator(_compiles)]


class NamingOptions(NoOptions):
    format: Regex = Field(
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
