"""MySQL ALTER TABLE and RENAME TABLE into ordered actions: real migration forms (MODIFY/CHANGE
chains, several actions in one statement, partition maintenance, charset changes), each action
with its own span."""

from __future__ import annotations

from typing import Any

from dbops.core.sql import parse_sql
from dbops.core.statements import (
    AddColumn,
    AddConstraint,
    AddIndex,
    AlterTable,
    ConstraintKind,
    DropColumn,
    DropConstraint,
    DropDefault,
    DropIndexAction,
    DropPrimaryKey,
    Generated,
    Invalid,
    ModifyColumn,
    PartitionOperation,
    RenameColumn,
    RenameIndex,
    RenameTables,
    RenameTo,
    SetColumnOption,
    SetDefault,
    SetTableOption,
    Span,
    Statement,
    UnmodelledAction,
)
from dbops.parsing import typed_statements


def typed(sql: str) -> tuple[Statement, ...]:
    return typed_statements(parse_sql(sql, "mysql"), "mysql")


def one(sql: str, kind: type[Any]) -> Any:
    (statement,) = typed(sql)
    assert isinstance(statement, kind), statement
    return statement


def kinds(statement: AlterTable) -> list[type[Any]]:
    return [type(action) for action in statement.actions]


def test_alter_table_actions_in_order_with_spans() -> None:
    sql = (
        "ALTER TABLE shop.`Orders`\n"
        "  ADD COLUMN note VARCHAR(20) NOT NULL DEFAULT '' AFTER id,\n"
        "  ADD flag TINYINT(1) FIRST,\n"
        "  DROP COLUMN legacy,\n"
        "  MODIFY total DECIMAL(12,2) NULL DEFAULT 0,\n"
        "  CHANGE COLUMN Amount amount_cents BIGINT UNSIGNED NOT NULL COMMENT 'cents',\n"
        "  ALTER COLUMN status SET DEFAULT 'new',\n"
        "  ALTER state DROP DEFAULT,\n"
        "  RENAME COLUMN a TO b,\n"
        "  ENGINE=InnoDB,\n"
        "  ALGORITHM=INPLACE, LOCK=NONE"
    )
    alter = one(sql, AlterTable)
    assert alter.table.written == "shop.Orders"
    assert alter.table.name.value == "Orders"
    assert kinds(alter) == [
        AddColumn,
        AddColumn,
        DropColumn,
        ModifyColumn,
        ModifyColumn,
        SetDefault,
        DropDefault,
        RenameColumn,
        SetTableOption,
    ]
    assert (alter.algorithm, alter.lock) == ("INPLACE", "NONE")
    note, flag, legacy, total, amount, status, state, rename, engine = alter.actions
    assert note.column.type.name == "varchar" and note.column.not_null
    assert note.column.default.text == "''"
    assert note.position == "AFTER id"
    assert note.span == Span(2, 3, 2, 58)
    assert note.text == "ADD COLUMN note VARCHAR(20) NOT NULL DEFAULT '' AFTER id"
    assert flag.position == "FIRST" and flag.column.type.parameters == ("1",)
    assert legacy.column.value == "legacy" and legacy.span == Span(4, 3, 4, 20)
    assert total.old is None and total.column.name.value == "total"
    assert total.column.null_written and total.column.default.text == "0"
    assert amount.old is not None
    assert (amount.old.value, amount.old.written) == ("amount", "Amount")
    assert amount.column.name.value == "amount_cents"
    assert amount.column.type.unsigned and amount.column.comment == "cents"
    assert amount.span.line == 6
    assert status.default.text == "'new'"
    assert state.column.value == "state"
    assert (rename.old.value, rename.new.value) == ("a", "b")
    assert (engine.option, engine.value) == ("ENGINE", "InnoDB")


def test_alter_table_index_and_constraint_actions() -> None:
    sql = (
        "ALTER TABLE t ADD INDEX idx_ab (a, b(10)), ADD UNIQUE KEY uk_c (c), "
        "ADD FULLTEXT INDEX ft (body), DROP INDEX old_idx, DROP KEY older, "
        "RENAME INDEX x TO y, ADD CONSTRAINT fk_o FOREIGN KEY (o_id) REFERENCES o (id) "
        "ON DELETE CASCADE, ADD PRIMARY KEY (id), DROP PRIMARY KEY, DROP FOREIGN KEY fk_old, "
        "DROP CHECK chk, DROP CONSTRAINT c2"
    )
    alter = one(sql, AlterTable)
    assert kinds(alter) == [
        AddIndex,
        AddConstraint,
        AddIndex,
        DropIndexAction,
        DropIndexAction,
        RenameIndex,
        AddConstraint,
        AddConstraint,
        DropPrimaryKey,
        DropConstraint,
        DropConstraint,
        DropConstraint,
    ]
    index = alter.actions[0].index
    assert index.name.value == "idx_ab"
    assert [(e.column.value, e.prefix_length) for e in index.elements] == [("a", None), ("b", 10)]
    assert alter.actions[1].constraint.kind is ConstraintKind.UNIQUE
    assert alter.actions[1].constraint.name.value == "uk_c"
    assert alter.actions[2].index.method == "FULLTEXT"
    assert alter.actions[3].name.value == "old_idx"
    assert (alter.actions[5].old.value, alter.actions[5].new.value) == ("x", "y")
    foreign = alter.actions[6].constraint
    assert foreign.kind is ConstraintKind.FOREIGN_KEY and foreign.references.on_delete == "CASCADE"
    assert alter.actions[7].constraint.kind is ConstraintKind.PRIMARY_KEY
    assert [a.constraint_kind for a in alter.actions[9:]] == ["foreign key", "check", ""]


def test_alter_table_forms_sqlglot_keeps_as_a_command() -> None:
    sql = (
        "ALTER TABLE `Users` ADD COLUMN a INT NOT NULL AFTER b, ADD COLUMN (c INT, d TEXT), "
        "DROP COLUMN e, CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci, "
        "RENAME TO users_v2, ALGORITHM=COPY"
    )
    alter = one(sql, AlterTable)
    assert alter.table.name.value == "Users"
    assert kinds(alter) == [
        AddColumn,
        AddColumn,
        AddColumn,
        DropColumn,
        SetTableOption,
        SetTableOption,
        RenameTo,
    ]
    assert [a.column.name.value for a in alter.actions[:3]] == ["a", "c", "d"]
    assert alter.actions[0].position == "AFTER b"
    assert alter.actions[2].column.type.name == "text"
    assert alter.actions[1].span == Span(1, 68, 1, 72)
    convert, collate = alter.actions[4:6]
    assert (convert.option, convert.value) == ("CONVERT CHARSET", "utf8mb4")
    assert (collate.option, collate.value) == ("CONVERT COLLATE", "utf8mb4_unicode_ci")
    assert alter.actions[6].new.name.value == "users_v2"
    assert alter.algorithm == "COPY"


def test_alter_table_charset_options() -> None:
    alter = one(
        "ALTER TABLE t DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin, COMMENT='x'", AlterTable
    )
    assert [(a.option, a.value) for a in alter.actions] == [
        ("CHARSET", "utf8mb4"),
        ("COLLATE", "utf8mb4_bin"),
        ("COMMENT", "x"),
    ]
    character_set = one("ALTER TABLE t CHARACTER SET latin1", AlterTable)
    assert [(a.option, a.value) for a in character_set.actions] == [("CHARSET", "latin1")]
    increment = one("ALTER TABLE t AUTO_INCREMENT = 1000", AlterTable)
    assert [(a.option, a.value) for a in increment.actions] == [("AUTO_INCREMENT", "1000")]


def test_modify_change_chain_keeps_every_step() -> None:
    statements = typed(
        "ALTER TABLE accounts MODIFY balance DECIMAL(10,2) NOT NULL;\n"
        "ALTER TABLE accounts CHANGE balance balance_cents BIGINT NOT NULL DEFAULT 0;\n"
        "ALTER TABLE accounts MODIFY COLUMN balance_cents BIGINT NULL;\n"
        "ALTER TABLE accounts CHANGE balance_cents id BIGINT NOT NULL PRIMARY KEY FIRST;\n"
    )
    steps = [s.actions[0] for s in statements if isinstance(s, AlterTable)]
    assert [type(s) for s in steps] == [ModifyColumn] * 4
    assert [(s.old.value if s.old else None, s.column.name.value) for s in steps] == [
        (None, "balance"),
        ("balance", "balance_cents"),
        (None, "balance_cents"),
        ("balance_cents", "id"),
    ]
    assert [s.column.nullable for s in steps] == [False, False, True, False]
    assert steps[3].column.primary_key and steps[3].position == "FIRST"
    assert [s.span.line for s in steps] == [1, 2, 3, 4]


def test_partition_maintenance() -> None:
    statements = typed(
        "ALTER TABLE logs DROP PARTITION p2019, p2020;\n"
        "ALTER TABLE logs ADD PARTITION (PARTITION p2025 VALUES LESS THAN (2026));\n"
        "ALTER TABLE logs REORGANIZE PARTITION pmax INTO (PARTITION p2026 VALUES LESS THAN "
        "(2027), PARTITION pmax VALUES LESS THAN MAXVALUE);\n"
        "ALTER TABLE logs TRUNCATE PARTITION p2021;\n"
        "ALTER TABLE logs EXCHANGE PARTITION p2022 WITH TABLE logs_2022;\n"
        "ALTER TABLE logs REMOVE PARTITIONING;\n"
        "ALTER TABLE logs COALESCE PARTITION 2;\n"
        "ALTER TABLE logs PARTITION BY RANGE (id) (PARTITION p0 VALUES LESS THAN (10));\n"
    )
    operations = [s.actions[0] for s in statements if isinstance(s, AlterTable)]
    assert all(isinstance(o, PartitionOperation) for o in operations), statements
    assert [o.operation for o in operations] == [
        "DROP",
        "ADD",
        "REORGANIZE",
        "TRUNCATE",
        "EXCHANGE",
        "REMOVE",
        "COALESCE",
        "PARTITION BY",
    ]
    assert [p.value for p in operations[0].partitions] == ["p2019", "p2020"]
    assert [p.value for p in operations[1].partitions] == ["p2025"]
    assert [p.value for p in operations[2].partitions] == ["pmax"]
    assert [p.value for p in operations[2].new_partitions] == ["p2026", "pmax"]
    assert [p.value for p in operations[4].partitions] == ["p2022"]
    assert [p.value for p in operations[7].new_partitions] == ["p0"]


def test_rename_tables_keeps_pairs_in_order() -> None:
    rename = one("RENAME TABLE old_a TO new_a, Shop.B TO Shop.b2", RenameTables)
    assert [(a.written, b.written) for a, b in rename.renames] == [
        ("old_a", "new_a"),
        ("Shop.B", "Shop.b2"),
    ]
    assert rename.renames[1][0].name.value == "B"
    assert rename.renames[0][0].span == Span(1, 14, 1, 18)


def test_rename_table_with_garbage_is_invalid() -> None:
    invalid = one("RENAME TABLE a TO b garbage", Invalid)
    assert invalid.error_span.column == 21


def test_alter_table_unknown_action_is_named() -> None:
    alter = one("ALTER TABLE t ADD COLUMN a INT, DISCARD TABLESPACE", AlterTable)
    assert isinstance(alter.actions[0], AddColumn)
    assert isinstance(alter.actions[1], UnmodelledAction)
    assert "DISCARD" in alter.actions[1].description


def test_alter_column_visibility_and_spatial_types() -> None:
    alter = one(
        "ALTER TABLE t ALTER COLUMN a SET INVISIBLE, ADD COLUMN g POINT NOT NULL", AlterTable
    )
    assert isinstance(alter.actions[0], SetColumnOption)
    assert alter.actions[0].option == "INVISIBLE"
    assert alter.actions[1].column.type.name == "point"
    long_varchar = one("ALTER TABLE t MODIFY n LONG VARCHAR NOT NULL", AlterTable)
    assert long_varchar.actions[0].column.type.name == "mediumtext"
    online = one("ALTER ONLINE TABLE t ADD COLUMN a INT", AlterTable)
    assert online.online and isinstance(online.actions[0], AddColumn)


def test_mariadb_guards_order_by_and_rename_as() -> None:
    guarded = one(
        "ALTER TABLE t DROP INDEX IF EXISTS i, ADD INDEX IF NOT EXISTS j (a), "
        "MODIFY COLUMN IF EXISTS b BIGINT",
        AlterTable,
    )
    assert kinds(guarded) == [DropIndexAction, AddIndex, ModifyColumn]
    assert guarded.actions[1].index.name.value == "j"
    assert guarded.actions[2].column.type.name == "bigint"
    ordered = one("ALTER TABLE t ORDER BY a", AlterTable)
    assert [(a.option, a.value) for a in ordered.actions] == [("ORDER BY", "a")]
    moved = one("ALTER TABLE t RENAME AS Archive.T2", AlterTable)
    assert isinstance(moved.actions[0], RenameTo)
    assert moved.actions[0].new.written == "Archive.T2"


def test_alter_sqlglot_rejects_is_read_part_by_part() -> None:
    alter = one(
        "ALTER TABLE products ADD COLUMN (ean char(13) DEFAULT NULL, stock int NOT NULL DEFAULT 0)",
        AlterTable,
    )
    assert [a.column.name.value for a in alter.actions] == ["ean", "stock"]
    assert alter.actions[1].column.default.text == "0"
    assert alter.actions[0].column.type.parameters == ("13",)


def test_mariadb_forms_wait_persistent_keys_and_index_visibility() -> None:
    waited = one("ALTER TABLE users WAIT 5 ADD COLUMN w INT", AlterTable)
    assert isinstance(waited.actions[0], AddColumn)
    assert waited.actions[0].column.name.value == "w"
    persistent = one("ALTER TABLE users ADD COLUMN y INT AS (a * 2) PERSISTENT", AlterTable)
    assert persistent.actions[0].column.generated is Generated.STORED
    keys = one("ALTER TABLE users DISABLE KEYS", AlterTable)
    assert [(a.option, a.value) for a in keys.actions] == [("DISABLE KEYS", "")]
    visibility = one(
        "ALTER TABLE users ALTER INDEX idx_b NOT IGNORED, ALTER INDEX c INVISIBLE", AlterTable
    )
    assert [(a.option, a.value) for a in visibility.actions] == [
        ("ALTER INDEX", "idx_b NOT IGNORED"),
        ("ALTER INDEX", "c INVISIBLE"),
    ]


def test_convert_to_charset_spellings() -> None:
    short = one("ALTER TABLE t CONVERT TO CHARSET utf8mb4", AlterTable)
    assert [(a.option, a.value) for a in short.actions] == [("CONVERT CHARSET", "utf8mb4")]
