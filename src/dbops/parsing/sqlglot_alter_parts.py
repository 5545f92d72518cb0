"""ALTER TABLE statements part by part, from the tokens (with the tree's actions when sqlglot
built one): table options, ALGORITHM/LOCK, partition maintenance, `ADD COLUMN (a …, b …)`,
`CONVERT TO CHARACTER SET`, and every other part as the tree reads it.

When sqlglot kept the statement as an opaque command (one part it does not know makes it give
up on all of them), each remaining part is parsed on its own as `ALTER TABLE t <part>` from the
statement's own tokens: positions stay the file's, and only that part is parsed.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlglot import exp
from sqlglot.tokenizer_core import Token, TokenType

from dbops.core.statements import (
    Action,
    AddColumn,
    AlterTable,
    ObjectName,
    SetTableOption,
    UnmodelledAction,
)
from dbops.parsing.sqlglot_alter import tree_action
from dbops.parsing.sqlglot_alter_options import (
    PARTITION_OPERATIONS,
    TABLE_OPTION_WORDS,
    algorithm_or_lock,
    convert,
    is_convert,
    is_option,
    is_partition,
    partition,
    table_options_from,
    table_switch,
)
from dbops.parsing.sqlglot_columns import column_def
from dbops.parsing.sqlglot_names import token_object_name
from dbops.parsing.sqlglot_tokens import Reader, TrailingText

# MySQL/MariaDB words of a column definition sqlglot may not know.
COLUMN_ATTRIBUTE_WORDS = frozenset(
    [
        *("COLUMN_FORMAT", "STORAGE", "ENGINE_ATTRIBUTE", "SECONDARY_ENGINE_ATTRIBUTE"),
        *("INVISIBLE", "VISIBLE", "SRID", "COMPRESSED", "WITH", "WITHOUT", "SYSTEM"),
        *("VERSIONING", "REF_SYSTEM_ID", "PERSISTENT", "FIXED", "DYNAMIC", "DISK", "MEMORY"),
        *("FIRST", "AFTER", "CASCADE", "RESTRICT", "VIRTUAL", "STORED", "IGNORED"),
    ]
)
# The first words of ALTER TABLE actions (MySQL, MariaDB, SQLite) other than table options.
ACTION_WORDS = frozenset(
    [
        *("ADD", "ALTER", "ANALYZE", "CHANGE", "CHECK", "COALESCE", "CONVERT", "DISABLE"),
        *("DISCARD", "DROP", "ENABLE", "EXCHANGE", "FORCE", "IMPORT", "MODIFY", "ORDER"),
        *("OPTIMIZE", "REBUILD", "REMOVE", "RENAME", "REORGANIZE", "REPAIR", "TRUNCATE"),
        *("UPGRADE", "WITH", "WITHOUT", "PARTITION", "VALIDATE", "SET", "OWNER", "INHERIT"),
    ]
)


@dataclass
class _Header:
    table: ObjectName
    end: int  # the index of the first token after the table name
    name_tokens: list[Token]
    if_exists: bool = False
    online: bool = False


def alter_table(reader: Reader, node: exp.Alter | None) -> AlterTable | None:
    """The ALTER TABLE statement in order, or None when its header is not `ALTER [ONLINE|
    IGNORE] TABLE [IF EXISTS] name`; raises TrailingText for text that is no action."""
    header = _header(reader)
    if header is None:
        return None
    tree_actions = list(node.args.get("actions") or []) if node is not None else []
    parts = _merged_parts(reader, reader.split(header.end, len(reader) - 1))
    tree_parts = [p for p in parts if not _token_part(reader, p)]
    use_tree = (
        node is not None
        and len(tree_parts) == len(tree_actions)
        and all(_agrees(reader, p, a) for p, a in zip(tree_parts, tree_actions, strict=True))
    )
    pending = iter(tree_actions)
    actions: list[Action] = []
    algorithm = lock = ""
    for part in parts:
        if reader.word(part.start) in ("ALGORITHM", "LOCK") and is_option(reader, part):
            key, value = algorithm_or_lock(reader, part)
            algorithm, lock = (value, lock) if key == "ALGORITHM" else (algorithm, value)
        elif is_option(reader, part):
            actions.extend(table_options_from(reader, part))
        elif is_partition(reader, part):
            actions.append(partition(reader, part))
        elif _is_column_list(reader, part):
            actions.extend(_column_list(reader, part, header))
        elif is_convert(reader, part):
            actions.extend(convert(reader, part))
        elif switch := table_switch(reader, part):
            actions.append(switch)
        elif reader.words(part.start, 2) == ("ORDER", "BY"):
            actions.append(
                SetTableOption(
                    text=reader.range_text(part),
                    span=reader.range_span(part),
                    option="ORDER BY",
                    value=reader.text(part.start + 2, part.stop - 1),
                )
            )
        elif reader.word(part.start) not in ACTION_WORDS:
            raise TrailingText(part.start)
        elif use_tree:
            actions.append(tree_action(reader, next(pending), part))
        else:
            actions.append(_parsed_part(reader, part, header))
    return AlterTable(
        text=reader.statement.text,
        span=reader.locator.whole(),
        table=header.table,
        actions=tuple(actions),
        if_exists=header.if_exists,
        algorithm=algorithm.upper(),
        lock=lock.upper(),
        online=header.online,
    )


# The tree's action types each first word of an ALTER TABLE part may stand for.
PART_ACTIONS: dict[str, tuple[type[exp.Expr], ...]] = {
    "ADD": (exp.ColumnDef, exp.AddConstraint),
    "DROP": (exp.Drop, exp.DropPrimaryKey),
    "MODIFY": (exp.ModifyColumn,),
    "CHANGE": (exp.ModifyColumn,),
    "ALTER": (exp.AlterColumn,),
    "RENAME": (exp.RenameColumn, exp.AlterRename, exp.RenameIndex),
    "FORCE": (exp.ForceProperty,),
}


def _agrees(reader: Reader, part: range, action: exp.Expr) -> bool:
    """Whether the tree's action is the one written in `part` (so that the tree and the
    parts, read in order, stay aligned)."""
    expected = PART_ACTIONS.get(reader.word(part.start))
    return expected is None or isinstance(action, expected)


def _header(reader: Reader) -> _Header | None:
    index, online = 1, False
    while reader.word(index) in ("ONLINE", "OFFLINE", "IGNORE"):
        online = online or reader.word(index) == "ONLINE"
        index += 1
    if reader.word(0) != "ALTER" or reader.word(index) != "TABLE":
        return None
    table_at = index
    index += 1
    if_exists = reader.words(index, 2) == ("IF", "EXISTS")
    index += 2 if if_exists else 0
    if index >= len(reader):
        return None
    table, name_end = token_object_name(reader, index)
    end = name_end
    if reader.word(end) == "WAIT" and reader.type_at(end + 1) == TokenType.NUMBER:
        end += 2  # MariaDB ALTER TABLE t WAIT n …
    elif reader.word(end) == "NOWAIT":
        end += 1
    name_tokens = reader.raw(range(0, 1)) + reader.raw(range(table_at, table_at + 1))
    name_tokens += reader.raw(range(index, name_end))
    return _Header(table, end, name_tokens, if_exists, online)


def _token_part(reader: Reader, part: range) -> bool:
    return (
        is_option(reader, part)
        or is_partition(reader, part)
        or _is_column_list(reader, part)
        or is_convert(reader, part)
        or reader.words(part.start, 2) == ("ORDER", "BY")
        or table_switch(reader, part) is not None
    )


def _merged_parts(reader: Reader, parts: list[range]) -> list[range]:
    """Parts with partition lists joined back: `DROP PARTITION p1, p2` is one action."""
    merged: list[range] = []
    for part in parts:
        previous = merged[-1] if merged else None
        if previous is not None and is_partition(reader, previous) and _continues(reader, part):
            merged[-1] = range(previous.start, part.stop)
        else:
            merged.append(part)
    return merged


def _continues(reader: Reader, part: range) -> bool:
    word = reader.word(part.start)
    return (
        word not in PARTITION_OPERATIONS
        and word not in TABLE_OPTION_WORDS
        and (word not in ("ALTER", "MODIFY", "CHANGE", "RENAME", "FORCE", "ORDER", "ENABLE"))
    )


def _is_column_list(reader: Reader, part: range) -> bool:
    at = part.start + 1
    if reader.word(at) == "COLUMN":
        at += 1
    return reader.word(part.start) == "ADD" and reader.is_open(at)


def _column_list(reader: Reader, part: range, header: _Header) -> list[Action]:
    """`ADD [COLUMN] (a …, b …)`: one AddColumn per definition, each parsed on its own."""
    open_at = part.start + (2 if reader.word(part.start + 1) == "COLUMN" else 1)
    close = reader.partner(open_at)
    found: list[Action] = []
    for inner in reader.split(open_at + 1, close - 1):
        tree = _parse(reader, header, reader.raw(range(part.start, part.start + 1)), inner)
        actions = list(tree.args.get("actions") or []) if isinstance(tree, exp.Alter) else []
        if len(actions) == 1 and isinstance(actions[0], exp.ColumnDef):
            column = column_def(reader, actions[0], inner)
            found.append(
                AddColumn(
                    text=reader.range_text(inner), span=reader.range_span(inner), column=column
                )
            )
        else:
            found.append(_unmodelled(reader, inner))
    return found


def _parsed_part(reader: Reader, part: range, header: _Header) -> Action:
    tree = _parse(reader, header, [], part)
    actions = list(tree.args.get("actions") or []) if isinstance(tree, exp.Alter) else []
    if len(actions) != 1 and (guard := _if_exists_at(reader, part)) is not None:
        # MariaDB `ADD INDEX IF NOT EXISTS i (…)`, `MODIFY COLUMN IF EXISTS c …`
        before, after = range(part.start, guard.start), range(guard.stop, part.stop)
        tree = _parse(reader, header, reader.raw(before), after)
        actions = list(tree.args.get("actions") or []) if isinstance(tree, exp.Alter) else []
    if len(actions) == 1:
        return tree_action(reader, actions[0], part)
    if reader.word(part.start) in ("ADD", "MODIFY", "CHANGE", "DROP", "RENAME", "ALTER"):
        _check_trailing(reader, part, header)
    return _unmodelled(reader, part)


def _if_exists_at(reader: Reader, part: range) -> range | None:
    for index in range(part.start + 1, min(part.stop, part.start + 4)):
        if reader.words(index, 3) == ("IF", "NOT", "EXISTS"):
            return range(index, index + 3)
        if reader.words(index, 2) == ("IF", "EXISTS"):
            return range(index, index + 2)
    return None


def _check_trailing(reader: Reader, part: range, header: _Header) -> None:
    """Raise TrailingText when the part without its last few words is one action and the first
    word left over is a plain name MySQL gives no meaning there."""
    for cut in range(part.stop - 1, max(part.start + 1, part.stop - 4), -1):
        if reader.type_at(cut) != TokenType.VAR or reader.word(cut) in COLUMN_ATTRIBUTE_WORDS:
            continue
        tree = _parse(reader, header, [], range(part.start, cut))
        if isinstance(tree, exp.Alter) and len(tree.args.get("actions") or []) == 1:
            raise TrailingText(cut)


def _parse(reader: Reader, header: _Header, prefix: list[Token], part: range) -> exp.Expr | None:
    """`ALTER TABLE name <prefix> <part>` parsed from the statement's own tokens."""
    from dbops.parsing.mysql_recover import parse_tokens, simple_types  # MySQL's types

    tokens = header.name_tokens + prefix + reader.raw(part)
    if reader.dialect == "mysql":
        tokens = simple_types(tokens)
    return parse_tokens(reader, tokens)


def _unmodelled(reader: Reader, part: range) -> UnmodelledAction:
    return UnmodelledAction(
        text=reader.range_text(part),
        span=reader.range_span(part),
        description=reader.text(part.start, min(part.stop, part.start + 3) - 1),
    )
