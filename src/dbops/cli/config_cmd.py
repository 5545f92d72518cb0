"""`dbops config schema`."""

from __future__ import annotations

import json

import typer

from dbops.cli.options import OutputOption, write_output

config_app = typer.Typer(help="Inspect dbops.yaml.", no_args_is_help=True)


@config_app.command("schema")
def schema(output: OutputOption = None) -> None:
    """Print the JSON Schema of dbops.yaml (for editors and yaml-language-server)."""
    from dbops.config import config_json_schema

    write_output(json.dumps(config_json_schema(), indent=2) + "\n", output)


def register(app: typer.Typer) -> None:
    app.add_typer(config_app, name="config")
