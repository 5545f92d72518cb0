"""`dbops new` and `dbops init`."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from dbops.cli.options import ConfigOption
from dbops.errors import UsageError


def new(
    description: Annotated[str, typer.Argument(help="What the migration does.")],
    dml: Annotated[bool, typer.Option("--dml", help="A data change (name ends in _dml).")] = False,
    config: ConfigOption = None,
) -> None:
    """Create the next migration file in the migrations folder and print its path."""
    from dbops.adapters.config_file import load_project
    from dbops.adapters.migration_files import display_path, folder_layout, load_migrations
    from dbops.scaffold.naming import new_migration_files

    if not description.strip():
        raise UsageError(
            'dbops new needs a description of the change, e.g. dbops new "add users table".'
        )
    project = load_project(config, Path.cwd())
    folder = project.migrations_dir
    folder.mkdir(parents=True, exist_ok=True)
    layout = folder_layout(folder, project.layout)
    existing = load_migrations(folder, layout=layout).files
    files = new_migration_files(layout, existing, description, datetime.now(), dml)
    paths = [folder / name for name in files]
    for path in paths:
        if path.exists():
            raise UsageError(f"{display_path(path)} already exists.")
    for path, content in zip(paths, files.values(), strict=True):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    typer.echo(display_path(paths[0]))


def init(
    directory: Annotated[Path, typer.Argument(help="Repository root.")] = Path("."),
    dialect: Annotated[
        str, typer.Option("--dialect", help="postgres, mysql, mariadb or sqlite.")
    ] = "postgres",
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
    migrations_path: Annotated[
        str,
        typer.Option(
            "--migrations",
            help="The migrations folder (relative to the repository root); one holding another "
            "tool's migrations is kept as it is, its layout written to dbops.yaml.",
        ),
    ] = "migrations",
) -> None:
    """Write dbops.yaml, migrations/, bitbucket-pipelines.yml and .pre-commit-config.yaml."""
    from dbops.adapters.migration_files import folder_layout, load_migrations
    from dbops.scaffold.starter import (
        FIRST_MIGRATION_NAME,
        SUPPORTED_DIALECTS,
        adoption_steps,
        gitignore_with_entries,
        next_steps,
        starter_files,
    )

    chosen = {"postgresql": "postgres", "pg": "postgres"}.get(dialect.lower(), dialect.lower())
    if chosen not in SUPPORTED_DIALECTS:
        # The pipeline needs a database service of the engine: only these have one.
        raise UsageError(
            f"--dialect: dbops init writes projects for {', '.join(SUPPORTED_DIALECTS)}, "
            f"not '{dialect}'."
        )
    folder = migrations_path.strip("/") or "migrations"
    migrations = directory / folder
    has_migrations = migrations.is_dir() and any(migrations.rglob("*.sql"))
    adopted = ""
    if has_migrations:  # a sample table would be rolled out with the project's own migrations
        layout = folder_layout(migrations, None)
        count = len(load_migrations(migrations, layout=layout))
        adopted = adoption_steps(layout, count, folder)
        files = starter_files(chosen, folder, layout if layout != "dbops" else None)
        del files[f"{folder}/{FIRST_MIGRATION_NAME}"]
    else:
        files = starter_files(chosen, folder)
    existing = [name for name in files if (directory / name).exists()]
    if existing and not force:
        raise UsageError(
            f"{directory / existing[0]} already exists; dbops init writes nothing over existing "
            f"files (use --force to overwrite)."
        )
    for name, content in files.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        typer.echo(f"wrote {path}", err=True)
    if adopted:
        typer.echo(adopted)
    gitignore = directory / ".gitignore"
    updated = gitignore_with_entries(
        gitignore.read_text(encoding="utf-8") if gitignore.exists() else ""
    )
    if updated is not None:
        gitignore.write_text(updated, encoding="utf-8")
        typer.echo(f"updated {gitignore}", err=True)
    typer.echo(next_steps(chosen))


def register(app: typer.Typer) -> None:
    app.command("new")(new)
    app.command("init")(init)
