"""The honest fallback every normalizer uses for what it does not model."""

from __future__ import annotations

from dbops.core.sql import ParsedStatement
from dbops.core.statements import Unmodelled
from dbops.parsing.positions import Locator


def unmodelled(
    statement: ParsedStatement, locator: Locator, reason: str, valid: bool | None = None
) -> Unmodelled:
    words = [word for word in statement.keywords[:3] if word.isalpha()]
    return Unmodelled(
        text=statement.text,
        span=locator.whole(),
        reason=reason,
        first_words=" ".join(words[:2]),
        valid=valid,
    )
