"""ALTER TABLE parts read from the tokens alone: table options (`ENGINE=…`, `[DEFAULT]
CHARSET=…`, several in one part), ALGORITHM/LOCK, `CONVERT TO CHARACTER SET`, `ORDER BY`, and
MySQL partition maintenance (`DROP PARTITION p1, p2`, `REORGANIZE … INTO (…)`)."""

from __future__ import annotations

from sqlglot.tokenizer_core import TokenType

from dbops.core.statements import Action, Name, PartitionOperation, SetTableOption
from dbops.parsing.sqlglot_names import token_name
from dbops.parsing.sqlglot_tokens import Reader

TABLE_OPTION_WORDS = frozenset(
    [
        *("ENGINE", "ALGORITHM", "LOCK", "DEFAULT", "CHARSET", "CHARACTER", "COLLATE"),
        *("COMMENT", "AUTO_INCREMENT", "ROW_FORMAT", "KEY_BLOCK_SIZE", "AVG_ROW_LENGTH"),
        *("CHECKSUM", "COMPRESSION", "CONNECTION", "DELAY_KEY_WRITE", "ENCRYPTION"),
        *("INSERT_METHOD", "MAX_ROWS", "MIN_ROWS", "PACK_KEYS", "STATS_AUTO_RECALC"),
        *("STATS_PERSISTENT", "STATS_SAMPLE_PAGES", "TABLESPACE", "PAGE_CHECKSUM"),
        *("TRANSACTIONAL", "PAGE_COMPRESSED", "PAGE_COMPRESSION_LEVEL", "SECONDARY_ENGINE"),
    ]
)
OPTION_KEYS = {"CHARACTER SET": "CHARSET", "CHARSET": "CHARSET", "COLLATE": "COLLATE"}
PARTITION_OPERATIONS = frozenset(
    [
        *("ADD", "DROP", "TRUNCATE", "DISCARD", "IMPORT", "COALESCE", "REORGANIZE", "EXCHANGE"),
        *("ANALYZE", "CHECK", "OPTIMIZE", "REBUILD", "REPAIR", "REMOVE", "CONVERT"),
    ]
)


def is_option(reader: Reader, part: range) -> bool:
    word = reader.word(part.start)
    if word not in TABLE_OPTION_WORDS:
        return False
    if word == "DEFAULT":
        return reader.word(part.start + 1) in ("CHARSET", "CHARACTER", "COLLATE")
    if word == "CHARACTER":
        return reader.word(part.start + 1) == "SET"
    return word != "CHECK"


def table_options_from(reader: Reader, part: range) -> list[SetTableOption]:
    """Table options, several possibly in one part (`ENGINE=InnoDB DEFAULT CHARSET=utf8`)."""
    found: list[SetTableOption] = []
    index = part.start
    while index < part.stop:
        first = index
        if reader.word(index) == "DEFAULT":
            index += 1
        key = reader.word(index)
        index += 1
        if key == "CHARACTER" and reader.word(index) == "SET":
            key, index = "CHARACTER SET", index + 1
        if reader.type_at(index) == TokenType.EQ:
            index += 1
        value_at = index
        index = reader.partner(index) + 1 if reader.is_open(index) else index + 1
        value = reader.text(value_at, index - 1) if value_at < part.stop else ""
        if reader.type_at(value_at) == TokenType.STRING:
            value = reader.tokens[value_at].text
        found.append(
            SetTableOption(
                text=reader.text(first, index - 1),
                span=reader.span(first, index - 1),
                option=OPTION_KEYS.get(key, key),
                value=value,
            )
        )
        if index < part.stop and reader.type_at(index) == TokenType.COMMA:
            index += 1
    return found


def algorithm_or_lock(reader: Reader, part: range) -> tuple[str, str]:
    key = reader.word(part.start)
    at = part.start + 1
    if reader.type_at(at) == TokenType.EQ:
        at += 1
    return key, reader.word(at) or reader.text(at, part.stop - 1)


def is_partition(reader: Reader, part: range) -> bool:
    first, second = reader.words(part.start, 2)
    if (first, second) == ("PARTITION", "BY"):
        return True
    return first in PARTITION_OPERATIONS and second in ("PARTITION", "PARTITIONING")


def partition(reader: Reader, part: range) -> PartitionOperation:
    first, second = reader.words(part.start, 2)
    operation = "PARTITION BY" if (first, second) == ("PARTITION", "BY") else first
    names: list[Name] = []
    new: list[Name] = []
    named = True
    index = part.start + 2
    while index < part.stop:
        word = reader.word(index)
        if reader.is_open(index):
            close = reader.partner(index)
            for inner in reader.split(index + 1, close - 1):
                if reader.word(inner.start) == "PARTITION":
                    new.append(token_name(reader, inner.start + 1))
            index = close + 1
            continue
        if word in ("INTO", "WITH", "WITHOUT", "VALIDATION", "TABLE", "PARTITIONS", "ALL"):
            named = False  # what follows is not a list of partitions acted on
        is_name = reader.type_at(index) in (TokenType.VAR, TokenType.IDENTIFIER) or (
            word and word.replace("_", "").isalnum() and word != "BY"
        )
        if is_name and named and operation != "PARTITION BY":
            names.append(token_name(reader, index))
        index += 1
    if operation == "ADD":
        names, new = new, []
    return PartitionOperation(
        text=reader.range_text(part),
        span=reader.range_span(part),
        operation=operation,
        partitions=tuple(names),
        new_partitions=tuple(new),
    )


def is_convert(reader: Reader, part: range) -> bool:
    return reader.words(part.start, 3) in (
        ("CONVERT", "TO", "CHARACTER"),
        ("CONVERT", "TO", "CHARSET"),
    )


def convert(reader: Reader, part: range) -> list[Action]:
    """`CONVERT TO CHARACTER SET | CHARSET x [COLLATE y]` (option "CONVERT CHARSET", and
    "CONVERT COLLATE" when a collation is written)."""
    charset_at = part.start + (4 if reader.word(part.start + 2) == "CHARACTER" else 3)
    if reader.type_at(charset_at) == TokenType.EQ:
        charset_at += 1
    found: list[Action] = [
        SetTableOption(
            text=reader.range_text(part),
            span=reader.range_span(part),
            option="CONVERT CHARSET",
            value=reader.tokens[charset_at].text if charset_at < part.stop else "",
        )
    ]
    collate = reader.find("COLLATE", charset_at, part.stop - 1)
    if collate is not None and collate + 1 < part.stop:
        found.append(
            SetTableOption(
                text=reader.range_text(part),
                span=reader.range_span(part),
                option="CONVERT COLLATE",
                value=reader.tokens[collate + 1].text,
            )
        )
    return found


INDEX_VISIBILITY = {("VISIBLE",), ("INVISIBLE",), ("IGNORED",), ("NOT", "IGNORED")}


def table_switch(reader: Reader, part: range) -> SetTableOption | None:
    """`DISABLE KEYS` / `ENABLE KEYS` (option as written) and `ALTER INDEX i VISIBLE |
    INVISIBLE | [NOT] IGNORED` (option "ALTER INDEX", value "i IGNORED"): switches that change
    no column, key or name."""
    if reader.word(part.start) not in ("DISABLE", "ENABLE", "ALTER") or len(part) > 5:
        return None
    words = tuple(reader.word(i) for i in part)
    text, span = reader.range_text(part), reader.range_span(part)
    if words in (("DISABLE", "KEYS"), ("ENABLE", "KEYS")):
        return SetTableOption(text=text, span=span, option=" ".join(words))
    if words[:2] == ("ALTER", "INDEX") and words[3:] in INDEX_VISIBILITY:
        value = reader.text(part.start + 2, part.stop - 1)
        return SetTableOption(text=text, span=span, option="ALTER INDEX", value=value)
    return None
