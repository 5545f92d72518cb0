"""Text from users' files (paths, SQL, identifiers) made safe to print on a terminal: control
characters (ESC, OSC and other C0/C1 codes, DEL) are shown as escapes, never interpreted, so a
file name or a comment cannot move the cursor, retitle the terminal or hide output."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """`text` with every control character but tab and newline written as `\\xNN`."""
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)
