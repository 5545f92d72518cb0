"""The committed rule reference (rules/docs/) is what scripts/gen_rule_docs.py generates."""

from __future__ import annotations

import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_rule_docs_are_up_to_date() -> None:
    spec = importlib.util.spec_from_file_location(
        "gen_rule_docs", REPO / "scripts" / "gen_rule_docs.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    docs = REPO / "rules" / "docs"
    expected = module.render()
    on_disk = {path.name: path.read_text(encoding="utf-8") for path in docs.glob("*.md")}
    stale = sorted(
        name for name in expected.keys() | on_disk.keys() if expected.get(name) != on_disk.get(name)
    )
    assert not stale, f"rules/docs is stale ({stale[:5]}…); run: python scripts/gen_rule_docs.py"
