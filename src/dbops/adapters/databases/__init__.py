"""Target databases (SQLite, PostgreSQL, MySQL/MariaDB) behind one small interface."""

from __future__ import annotations

from pathlib import Path

from dbops.adapters.databases.base import Clock, TargetDatabase, utc_now
from dbops.adapters.databases.urls import check_server_url, engine_of, mask_url
from dbops.errors import ConfigError


def open_target(
    url: str, key: str, root: Path, clock: Clock = utc_now, *, read_only: bool = False
) -> TargetDatabase:
    """Connect to the target at `url` (`key` names it in dbops.yaml for error messages);
    `read_only`: to look only (SQLite then creates no file)."""
    # `url` comes resolved (ResolvedTarget): checking it again would read a `${NAME}` that an
    # environment variable's value holds as a reference, where it is data.
    shown = mask_url(url)
    engine = engine_of(url)
    if engine == "sqlite":
        from dbops.adapters.databases.sqlite import SqliteDatabase, sqlite_path

        try:
            path = sqlite_path(url, root)
        except ValueError as exc:
            raise ConfigError(f"dbops.yaml: '{key}' is not a SQLite URL: {exc}.") from None
        return SqliteDatabase(path, shown, clock, read_only=read_only, key=key)
    if engine is not None:
        check_server_url(url, key)
    if engine == "postgres":
        from dbops.adapters.databases.postgres import PostgresDatabase

        return PostgresDatabase(url, shown, clock)
    if engine == "mysql":
        from dbops.adapters.databases.mysql import MysqlDatabase

        return MysqlDatabase(url, shown, clock)
    raise ConfigError(
        f"dbops.yaml: '{key}' = {shown} is not a database URL dbops knows (the scheme "
        f"'{url.partition('://')[0] if '://' in url else ''}' is none of sqlite, postgresql, "
        f"postgres, mysql, mariadb); use "
        f"sqlite:///relative.db, sqlite:////absolute.db, postgresql://… or mysql://…."
    )
