"""What `baseline` and `import-history` read from a target besides dbops' history: its tables
and columns, another tool's history table, and whether a verify script (Sqitch's) passes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol


class _Connected(Protocol):
    """The parts of SqlDatabase these queries use."""

    dialect: str

    def _run(self, sql: str, params: Sequence[Any] = ()) -> int: ...
    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...
    def _guarded(self, doing: str, action: Callable[[], Any]) -> Any: ...
    def _error_text(self, exc: Exception) -> str | None: ...
    def _begin(self) -> None: ...
    def _rollback(self) -> None: ...
    def _tables_sql(self) -> str: ...
    def _columns_sql(self) -> str: ...


class CatalogQueries:
    """Mixed into SqlDatabase; engines spell `_tables_sql` and `_columns_sql` where the
    information_schema of the current schema is not the answer."""

    def _tables_sql(self) -> str:
        return (
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        )

    def _columns_sql(self) -> str:
        return (
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema()"
        )

    def existing_tables(self: _Connected) -> set[str]:
        """Tables and views of the target's current schema or database, lower case."""
        rows = self._guarded("list the tables", lambda: self._rows(self._tables_sql()))
        return {str(row[0]).lower() for row in rows}

    def existing_columns(self: _Connected) -> dict[str, set[str]]:
        """Columns of each table of the current schema or database, lower case."""
        rows = self._guarded("list the columns", lambda: self._rows(self._columns_sql()))
        columns: dict[str, set[str]] = {}
        for table, column in rows:
            columns.setdefault(str(table).lower(), set()).add(str(column).lower())
        return columns

    def query(self: _Connected, sql: str) -> list[tuple[Any, ...]]:
        """Rows of a read-only query (another tool's history table)."""
        return list(self._guarded("read another tool's history", lambda: self._rows(sql)))

    def verify(self: _Connected, sql: str) -> str | None:
        """Run a verify script in a transaction that is rolled back (its own BEGIN/ROLLBACK
        left out); the first statement's error, or None when it passes."""
        from dbops.adapters.databases.statements import parsed_statements
        from dbops.rollout.steps import controls_transaction

        statements = [
            text
            for text, _line, keywords in parsed_statements(sql, self.dialect)
            if not controls_transaction(keywords)
        ]
        self._begin()
        try:
            for statement in statements:
                try:
                    self._run(statement)
                except Exception as exc:
                    message = self._error_text(exc)
                    if message is None:
                        raise
                    return message
            return None
        finally:
            self._rollback()
