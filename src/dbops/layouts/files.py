"""The files of a migrations folder as data, and helpers every layout shares."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dbops.core.versions import Version
from dbops.errors import InputError

# A script that opens and commits its own transaction (Sqitch's templates do): dbops runs it as
# written, outside a transaction of its own.
_OWN_TRANSACTION = re.compile(
    r"^\s*(BEGIN|START\s+TRANSACTION)\s*;.*^\s*COMMIT\s*;", re.IGNORECASE | re.MULTILINE | re.DOTALL
)


@dataclass(frozen=True)
class SourceFile:
    relative: str  # below the migrations folder, with `/`
    shown: str  # as users see it (relative to the working directory)
    content: bytes

    @property
    def name(self) -> str:
        return self.relative.rsplit("/", 1)[-1]


def version_of(text: str, source: SourceFile) -> Version:
    """A version from digits and dots (`20240101120000`, `1.2`); errors name the file."""
    cleaned = text.replace("_", ".").strip(".")
    if not re.fullmatch(r"\d+(\.\d+)*", cleaned):
        raise InputError(f"{source.shown}: '{text}' is not a migration version.")
    return Version(cleaned, tuple(int(part) for part in cleaned.split(".")))


def owns_transaction(text: str) -> bool:
    return _OWN_TRANSACTION.search(text) is not None


def decoded(source: SourceFile) -> str:
    try:
        return source.content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = source.content[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{source.shown}:{line}: file is not valid UTF-8 (byte {exc.start}). Save it as UTF-8."
        ) from None


def padded(lines: list[str], start: int, end: int) -> str:
    """Lines start..end-1 (0-based) of a file, after `start` empty lines: a part of a file whose
    statements keep their line numbers in the whole file."""
    return "\n" * start + "\n".join(lines[start:end])


def human(name: str) -> str:
    return name.replace("_", " ").replace("-", " ").strip()
