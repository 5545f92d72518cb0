"""The column rules on the typed statement model, and the crash ALTER COLUMN … TYPE caused."""

from __future__ import annotations

from dbops.rules.system_collation_allowlist import SystemCollationAllowlist
from tests.rules.helpers import lines_of

TABLE = "CREATE TABLE t (id bigint PRIMARY KEY, a text);"


def test_collation_allowlist_survives_a_type_change_without_collate() -> None:
    retype = "ALTER TABLE t ALTER COLUMN a TYPE varchar(20);"
    assert lines_of(SystemCollationAllowlist, retype, TABLE) == []
    collated = 'ALTER TABLE t ALTER COLUMN a TYPE varchar(20) COLLATE "C";'
    assert lines_of(SystemCollationAllowlist, collated, TABLE) == [1]
