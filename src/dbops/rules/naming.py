"""Name checks shared by the naming rules: Bytebase's templates (`^idx_{{table}}_{{column_list}}$`)
expanded for the key at hand, for keys defined in trees and for the PostgreSQL forms sqlglot
keeps opaque (`ADD CONSTRAINT … USING INDEX`, `RENAME CONSTRAINT … TO …`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from sqlglot import exp

from dbops.core.schema import Index
from dbops.rules.base import RuleContext, Violation
from dbops.rules.options import NamingOptions
from dbops.rules.shapes import keys_defined, line_of


@dataclass(frozen=True)
class NamedKey:
    index: Index
    line: int | None = None


def expand(template: str, index: Index) -> str:
    """Fill a Bytebase naming template with the key's table and columns (regex-escaped)."""
    values = {
        "table": index.table.rsplit(".", 1)[-1],
        "column_list": "_".join(index.columns),
        "referencing_table": index.table.rsplit(".", 1)[-1],
        "referencing_column": "_".join(index.columns),
        "referenced_table": (index.references or "").rsplit(".", 1)[-1],
        "referenced_column": "_".join(index.referenced_columns),
    }
    for key, value in values.items():
        template = template.replace("{{" + key + "}}", re.escape(value))
    return template


def check_name(key: NamedKey, options: NamingOptions, label: str) -> Iterator[Violation]:
    name = key.index.name
    pattern = expand(options.format, key.index)
    table = key.index.table.rsplit(".", 1)[-1]
    if not re.search(pattern, name):
        yield Violation(
            f'{label} "{name}" on table "{table}" does not match the naming convention "{pattern}"',
            line=key.line,
        )
    elif len(name) > options.max_length:
        yield Violation(
            f'{label} "{name}" is longer than {options.max_length} characters', line=key.line
        )


def named_keys(context: RuleContext, kinds: set[str]) -> Iterator[NamedKey]:
    """Keys of the given kinds that the statement names: defined, attached or renamed."""
    statement = context.statement
    schema = context.schema
    if not statement.opaque:
        for index, node in keys_defined(statement.tree, schema):
            if index.kind in kinds and index.name:
                yield NamedKey(index, line_of(node, statement))
        tree = statement.tree
        if isinstance(tree, exp.Alter) and (tree.args.get("kind") or "").upper() == "INDEX":
            yield from _renamed_index(tree, context, kinds)
        return
    yield from _opaque_keys(context, kinds)


def _renamed_index(tree: exp.Alter, context: RuleContext, kinds: set[str]) -> Iterator[NamedKey]:
    ref = tree.this
    for action in tree.args.get("actions") or []:
        if isinstance(ref, exp.Table) and isinstance(action, exp.AlterRename):
            schema = context.schema.name_of(ref.args.get("db")) or None
            index = context.schema.find_index(context.schema.name_of(ref.this), schema)
            if index is not None and index.kind in kinds:
                new = context.schema.name_of(action.this.this)
                yield NamedKey(Index(new, index.table, index.columns, index.kind))


def _opaque_keys(context: RuleContext, kinds: set[str]) -> Iterator[NamedKey]:
    words = context.statement.keywords
    texts = [token.text for token in context.statement.tokens]
    if words[:2] != ("ALTER", "TABLE") or "CONSTRAINT" not in words:
        return
    table_key = _table_key(texts, words, context)
    at = words.index("CONSTRAINT")
    if words[at - 1 : at] == ("ADD",) and words[at + 2 : at + 5] in (
        ("PRIMARY", "KEY", "USING"),
        ("UNIQUE", "USING", "INDEX"),
    ):
        kind = "primary key" if words[at + 2] == "PRIMARY" else "unique"
        existing = context.schema.find_index(texts[-1].strip('"').lower(), _schema_of(table_key))
        if kind in kinds and existing is not None:
            yield NamedKey(
                Index(texts[at + 1].strip('"').lower(), table_key, existing.columns, kind)
            )
    elif words[at - 1 : at] == ("RENAME",) and words[at + 2 : at + 3] == ("TO",):
        old = texts[at + 1].strip('"').lower()
        for index in context.schema.table_indexes(table_key):
            if index.name == old and index.kind in kinds:
                new = texts[at + 3].strip('"').lower()
                yield NamedKey(Index(new, table_key, index.columns, index.kind))


def _table_key(texts: list[str], words: tuple[str, ...], context: RuleContext) -> str:
    position = 2
    while words[position] in ("IF", "EXISTS", "ONLY"):
        position += 1
    if texts[position + 1 : position + 2] == ["."]:
        return f"{texts[position].strip(chr(34))}.{texts[position + 2].strip(chr(34))}".lower()
    return context.schema.qualify(texts[position].strip('"').lower())


def _schema_of(table_key: str) -> str | None:
    return table_key.rsplit(".", 1)[0] if "." in table_key else None
