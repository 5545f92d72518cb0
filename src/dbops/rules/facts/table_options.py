"""MySQL table options as the typed model has them: on CREATE TABLE and CREATE TABLE … AS
SELECT (`ENGINE=…`, `DEFAULT CHARSET=…`, `COLLATE=…`) and set by ALTER TABLE actions."""

from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AlterTable, CreateTable, CreateTableAs, SetTableOption, Statement

# How the option of a character set may be named on an ALTER TABLE action.
CHARSET_OPTIONS = frozenset({"CHARSET", "CHARACTER SET", "DEFAULT CHARSET", "CONVERT CHARSET"})


def created_table(statement: Statement) -> CreateTable | CreateTableAs | None:
    """The table a `CREATE TABLE` or `CREATE TABLE … AS SELECT` creates (not a materialized
    view, which is no table)."""
    if isinstance(statement, CreateTable):
        return statement
    if isinstance(statement, CreateTableAs) and not statement.materialized:
        return statement
    return None


def created_without_option(statement: Statement, option: str) -> CreateTable | CreateTableAs | None:
    """A `CREATE TABLE` or `CREATE TABLE … AS SELECT` that does not set `option` (not
    `CREATE TABLE … LIKE`, which copies the options of its source)."""
    created = created_table(statement)
    if created is None or (isinstance(created, CreateTable) and created.like is not None):
        return None
    return created if created.option(option) is None else None


def altered_options(statement: Statement, names: frozenset[str]) -> Iterator[SetTableOption]:
    """The ALTER TABLE actions that set one of the named options."""
    if isinstance(statement, AlterTable):
        for action in statement.actions:
            if isinstance(action, SetTableOption) and action.option in names:
                yield action
