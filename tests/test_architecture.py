"""Import contracts: the pure core never reaches for adapters, the CLI, or I/O libraries."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import dbops

PACKAGE = Path(dbops.__file__).parent
PURE = ("core", "rules", "report", "publish", "rollout")
FORBIDDEN = (
    "dbops.adapters",
    "dbops.cli",
    "dbops.commands",
    "httpx",
    "psycopg",
    "pymysql",
    "sqlite3",
    "subprocess",
    "typer",
)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize(
    "module",
    sorted(
        str(path.relative_to(PACKAGE))
        for folder in PURE
        if (PACKAGE / folder).is_dir()
        for path in (PACKAGE / folder).rglob("*.py")
    ),
)
def test_pure_core_imports_no_adapter(module: str) -> None:
    imported = _imports(PACKAGE / module)
    bad = sorted(
        name for name in imported if any(name == f or name.startswith(f + ".") for f in FORBIDDEN)
    )
    assert not bad, f"{module} imports {bad}: the pure core must take data, not do I/O"
