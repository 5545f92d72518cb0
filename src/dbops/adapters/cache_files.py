"""dbops' cache on the file system: `$DBOPS_CACHE_DIR`, else `~/.cache/dbops`.

An entry is one file named by its key. Writes are atomic (a temporary file in the same folder,
then `os.replace`), so concurrent runs never read half an entry: they either find the whole
file or none and compute it themselves. The cache is an optimisation only: any error reading or
writing it is ignored, and what it holds must be what dbops would compute anew.
"""

from __future__ import annotations

import os
from pathlib import Path

CACHE_ENV = "DBOPS_CACHE_DIR"


def cache_dir() -> Path:
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "dbops"


def read_entry(kind: str, key: str) -> bytes | None:
    """The cached bytes for `key` in the `kind` folder, or None."""
    try:
        return (cache_dir() / kind / key).read_bytes()
    except OSError:
        return None


def write_entry(kind: str, key: str, data: bytes) -> None:
    """Store `data` under `key`, atomically; silently skipped when the cache is not writable."""
    import tempfile  # only when writing: a cache hit stays cheap

    folder = cache_dir() / kind
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{key}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, folder / key)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        return
