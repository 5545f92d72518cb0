"""MySQL table options as the typed model has them: on CREATE TABLE (`ENGINE=…`, `DEFAULT
CHARSET=…`, `COLLATE=…`) and set by ALTER TABLE actions."""

from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AlterTable, CreateTable, SetTableOption, Statement

# How the option of a character set may be named on an ALTER TABLE action.
CHARSET_OPTIONS = frozenset({"CHARSET", "CHARACTER SET", "DEFAULT CHARSET", "CONVERT CHARSET"})


def created_without_option(statement: Statement, option: str) -> CreateTable | None:
    """A `CREATE TABLE` (not `… LIKE`, which copies the options) that does not set `option`."""
    if not isinstance(statement, CreateTable) or statement.like is not None:
        return None
    return statement if statement.option(option) is None else None


def altered_options(statement: Statement, names: frozenset[str]) -> Iterator[SetTableOption]:
    """The ALTER TABLE actions that set one of the named options."""
    if isinstance(statement, AlterTable):
        for action in statement.actions:
            if isinstance(action, SetTableOption) and action.option in names:
                yield action
