"""The one list of rules. Adding a rule: write its module, add one line here."""

from __future__ import annotations

from dbops.rules.adding_required_field import AddingRequiredField
from dbops.rules.ban_drop_column import BanDropColumn
from dbops.rules.base import Rule, bytebase_enum_name
from dbops.rules.column_no_null import ColumnNoNull
from dbops.rules.database_drop_empty_database import DatabaseDropEmptyDatabase
from dbops.rules.migration_checksum_changed import MigrationChecksumChanged
from dbops.rules.migration_out_of_order import MigrationOutOfOrder
from dbops.rules.require_concurrent_index_creation import RequireConcurrentIndexCreation
from dbops.rules.statement_where_require_update_delete import StatementWhereRequireUpdateDelete
from dbops.rules.syntax_error import SyntaxError_
from dbops.rules.table_drop_naming_convention import TableDropNamingConvention
from dbops.rules.table_require_pk import TableRequirePk
from dbops.rules.unused_ignore import UnusedIgnore

RULES: tuple[type[Rule], ...] = (
    SyntaxError_,
    UnusedIgnore,
    MigrationChecksumChanged,
    MigrationOutOfOrder,
    AddingRequiredField,
    BanDropColumn,
    ColumnNoNull,
    DatabaseDropEmptyDatabase,
    RequireConcurrentIndexCreation,
    StatementWhereRequireUpdateDelete,
    TableDropNamingConvention,
    TableRequirePk,
)

# Renamed rules keep answering to their old names, as ruff keeps redirects.
REDIRECTS: dict[str, str] = {}

_BY_NAME: dict[str, type[Rule]] = {}
for _rule in RULES:
    for _alias in _rule.aliases():
        _BY_NAME[_alias.lower()] = _rule


def lookup_rule(name: str) -> type[Rule] | None:
    """A rule by its dbops name, a redirect, or its Bytebase type (`column.no-null`,
    `COLUMN_NO_NULL`)."""
    key = REDIRECTS.get(name, name).strip().lower()
    return _BY_NAME.get(key) or _BY_NAME.get(bytebase_enum_name(key).lower())
