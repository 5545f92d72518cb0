"""`dbops rules [ID]`: list the rules, or explain one. The text comes from the rule itself."""

from __future__ import annotations

import difflib
import json
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from dbops.cli.console import make_console
from dbops.cli.options import ConfigOption, NoColorOption
from dbops.errors import UsageError

# Below this many columns the five-column table would squeeze the names: a listing instead.
TABLE_MIN_WIDTH = 120

if TYPE_CHECKING:
    from dbops.core.findings import Level
    from dbops.rules.base import Rule


def rules(
    rule_id: Annotated[str | None, typer.Argument(help="Rule name or Bytebase type.")] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Machine-readable list (or rule).")
    ] = False,
    dialect: Annotated[
        str | None, typer.Option("--dialect", help="Only the rules that check this dialect.")
    ] = None,
    category: Annotated[
        str | None, typer.Option("--category", help="Only this category (lock-safety, naming…).")
    ] = None,
    enabled: Annotated[
        bool,
        typer.Option(
            "--enabled",
            help="Only the rules the effective policy enables (dbops.yaml's, or --policy), "
            "with the level it gives them.",
        ),
    ] = False,
    policy: Annotated[
        str | None, typer.Option("--policy", help="Built-in policy name or policy YAML path.")
    ] = None,
    config: ConfigOption = None,
    no_color: NoColorOption = False,
) -> None:
    """List every rule with its level, dialects and Bytebase type, or explain one."""
    from rich.markdown import Markdown

    from dbops.rules.registry import RULES, lookup_rule

    console = make_console(stderr=False, no_color=no_color)
    if rule_id is not None:
        rule = lookup_rule(rule_id)
        if rule is None:
            raise UsageError(_unknown(rule_id, RULES))
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
    levels = _effective_levels(config, policy, dialect) if enabled or policy else None
    chosen = _filtered(RULES, dialect, category, levels if enabled else None)
    if as_json:
        typer.echo(json.dumps([_rule_json(rule, levels) for rule in chosen], indent=2))
        return
    if console.width >= TABLE_MIN_WIDTH:
        console.print(_table(chosen, levels))
        return
    for line in _listing(chosen, levels, console.width):
        console.print(line, highlight=False, soft_wrap=True)


def _filtered(
    every: tuple[type[Rule], ...] | list[type[Rule]],
    dialect: str | None,
    category: str | None,
    levels: dict[str, Level] | None,
) -> list[type[Rule]]:
    if category is not None:
        known = sorted({rule.category for rule in every})
        if category not in known:
            raise UsageError(
                f"--category {category}: no such category; use one of {', '.join(known)}."
            )
    return sorted(
        (
            rule
            for rule in every
            if (dialect is None or rule.applies_to(_dialect_name(dialect)))
            and (category is None or rule.category == category)
            and (levels is None or rule.name in levels)
        ),
        key=lambda rule: rule.name,
    )


def _listing(chosen: list[type[Rule]], levels: dict[str, Level] | None, width: int) -> list[str]:
    """The rules for a narrow terminal: the name whole on its own line, then the facts and
    the summary wrapped under it."""
    from rich.markup import escape

    lines: list[str] = []
    for rule in chosen:
        dialects = ", ".join(sorted(rule.dialects)) if rule.dialects else "all"
        bytebase = f" · {rule.bytebase_type}" if rule.bytebase_type else ""
        lines.append(f"[bold cyan]{rule.name}[/] {_level(rule, levels)} · {dialects}{bytebase}")
        wrapped = textwrap.wrap(rule.summary(), max(width - 4, 20))
        lines.extend(f"    {escape(line)}" for line in wrapped)
    return lines


def _table(chosen: list[type[Rule]], levels: dict[str, Level] | None) -> Any:
    from rich.table import Table

    table = Table("rule", "level", "dialects", "bytebase type", "what it reports")
    # The name is what users type: never cut, never folded; the summary wraps instead.
    table.columns[0].no_wrap = True
    table.columns[0].min_width = max((len(rule.name) for rule in chosen), default=4)
    table.columns[3].overflow = "fold"
    table.columns[4].ratio = 1
    for rule in chosen:
        table.add_row(
            rule.name,
            _level(rule, levels),
            ", ".join(sorted(rule.dialects)) if rule.dialects else "all",
            rule.bytebase_type or "",
            rule.summary(),
        )
    return table


def _level(rule: type[Rule], levels: dict[str, Level] | None) -> str:
    if levels is not None:
        level = levels.get(rule.name)
        return level.value if level is not None else "off"
    return rule.default_level.value if rule.default_level else "off"


def _effective_levels(
    config: Path | None, policy: str | None, dialect: str | None
) -> dict[str, Level]:
    """Each enabled rule's level in the policy a check here would use (dbops.yaml's, or
    --policy), for the dialect asked (or the project's)."""
    from dbops.adapters.config_file import load_project
    from dbops.adapters.policy_files import load_policy
    from dbops.commands.check import CheckRequest, resolve_dialect, review_settings

    cwd = Path.cwd()
    project = load_project(config, cwd, for_review=True)
    request = CheckRequest(cwd=cwd, dialect=dialect, policy=policy)
    settings = review_settings(project, request)
    name = resolve_dialect(dialect, project)
    relative_to = cwd if policy else project.root
    active = load_policy(settings.policy, relative_to, name, (), settings.named_by)
    return {item.rule.name: item.level for item in active.for_dialect(name)}


def _dialect_name(dialect: str) -> str:
    from dbops.core.sql import dialect_name

    return dialect_name(dialect)


def _unknown(rule_id: str, every: tuple[type[Rule], ...] | list[type[Rule]]) -> str:
    """`unknown rule 'x'`, with the closest rules (matched by dbops name or Bytebase type)."""
    by_alias = {alias.lower(): rule.name for rule in every for alias in rule.aliases()}
    close = difflib.get_close_matches(rule_id.strip().lower(), list(by_alias), 6, 0.6)
    suggestions = list(dict.fromkeys(by_alias[alias] for alias in close))[:3]
    hint = f" Did you mean {' or '.join(suggestions)}?" if suggestions else ""
    return f"unknown rule '{rule_id}'.{hint} `dbops rules` lists every rule."


def _rule_json(rule: type[Rule], levels: dict[str, Level] | None = None) -> dict[str, Any]:
    data = {
        "name": rule.name,
        "bytebase_type": rule.bytebase_type,
        "default_level": rule.default_level.value if rule.default_level else "off",
        "dialects": sorted(rule.dialects) if rule.dialects else None,
        "category": rule.category,
        "summary": rule.summary(),
    }
    if levels is not None:
        data["level"] = _level(rule, levels)
    return data


def register(app: typer.Typer) -> None:
    app.command("rules")(rules)
