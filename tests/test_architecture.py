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


# Parsers are the normalizers' business (dbops.parsing): rules and the schema replay read only
# dbops' own typed statements (dbops.core.statements).
PARSER_MODULES = ("sqlglot", "pglast", "dbops.core.sql", "dbops.core.sql_split", "dbops.parsing")


MODEL_READERS = [
    *(PACKAGE / "rules").rglob("*.py"),
    PACKAGE / "core" / "schema.py",
    PACKAGE / "core" / "conflicts.py",
    *(PACKAGE / "core").glob("replay*.py"),
    *(PACKAGE / "core" / "locks").glob("*.py"),
]


@pytest.mark.parametrize("module", sorted(str(path.relative_to(PACKAGE)) for path in MODEL_READERS))
def test_rules_replay_and_lock_model_read_only_the_typed_model(module: str) -> None:
    imported = _imports(PACKAGE / module)
    bad = sorted(
        name
        for name in imported
        if any(name == f or name.startswith(f + ".") for f in PARSER_MODULES)
    )
    assert not bad, f"{module} imports {bad}: it must read dbops.core.statements only"


def test_every_statement_rule_reads_the_typed_model() -> None:
    from dbops.rules.base import RuleScope
    from dbops.rules.registry import RULES

    for rule in RULES:
        if rule.scope is RuleScope.STATEMENT:
            assert rule.reads_model, f"{rule.name} does not read the typed statement model"
