"""`dbops rules [ID]`: list the rules, or explain one. The text comes from the rule itself."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated, Any

import typer

from dbops.cli.console import make_console
from dbops.cli.options import NoColorOption
from dbops.errors import UsageError

if TYPE_CHECKING:
    from dbops.rules.base import Rule


def rules(
    rule_id: Annotated[str | None, typer.Argument(help="Rule name or Bytebase type.")] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Machine-readable list (or rule).")
    ] = False,
    no_color: NoColorOption = False,
) -> None:
    """List every rule with its level, dialects and Bytebase type, or explain one."""
    from rich.markdown import Markdown
    from rich.table import Table

    from dbops.rules.registry import RULES, lookup_rule

    console = make_console(stderr=False, no_color=no_color)
    if rule_id is not None:
        rule = lookup_rule(rule_id)
        if rule is None:
            raise UsageError(f"unknown rule '{rule_id}'; `dbops rules` lists every rule.")
        if as_json:
            typer.echo(json.dumps(_rule_json(rule) | {"doc": rule.documentation()}, indent=2))
            return
        header = (
            f"# {rule.name}\n\nBytebase type: `{rule.bytebase_type or '-'}` · default level: "
            f"{rule.default_level.value if rule.default_level else 'off'} · dialects: "
            f"{', '.join(sorted(rule.dialects)) if rule.dialects else 'all'} · category: "
            f"{rule.category}\n\n"
        )
        console.print(Markdown(header + rule.documentation()))
        return
    if as_json:
        typer.echo(json.dumps([_rule_json(rule) for rule in RULES], indent=2))
        return
    table = Table("rule", "level", "dialects", "bytebase type", "what it reports")
    for rule in sorted(RULES, key=lambda item: item.name):
        table.add_row(
            rule.name,
            rule.default_level.value if rule.default_level else "off",
            ", ".join(sorted(rule.dialects)) if rule.dialects else "all",
            rule.bytebase_type or "",
            rule.summary(),
        )
    console.print(table)


def _rule_json(rule: type[Rule]) -> dict[str, Any]:
    return {
        "name": rule.name,
        "bytebase_type": rule.bytebase_type,
        "default_level": rule.default_level.value if rule.default_level else "off",
        "dialects": sorted(rule.dialects) if rule.dialects else None,
        "category": rule.category,
        "summary": rule.summary(),
    }


def register(app: typer.Typer) -> None:
    app.command("rules")(rules)
