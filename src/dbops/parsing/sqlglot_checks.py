"""Text after the end of a valid statement that sqlglot swallowed instead of rejecting.

sqlglot reads a stray word after some statements as an alias (`USE db garbage`, `SET x = 1
garbage`, `INSERT … VALUES (1) garbage`), so the statement parses; the engine would reject it.
These places are checked here and the extra text reported as a syntax error.
"""

from __future__ import annotations

from sqlglot import exp

from dbops.parsing.sqlglot_tokens import Reader

# The words of MySQL's START TRANSACTION / BEGIN [WORK] and SQLite's BEGIN [DEFERRED |
# IMMEDIATE | EXCLUSIVE] [TRANSACTION].
BEGIN_WORDS = frozenset(
    [
        *("START", "BEGIN", "TRANSACTION", "WORK", "READ", "ONLY", "WRITE", "WITH"),
        *("CONSISTENT", "SNAPSHOT", "DEFERRED", "IMMEDIATE", "EXCLUSIVE", ","),
    ]
)


def trailing_garbage(reader: Reader, tree: exp.Expr) -> int | None:
    """The index of the first token after the end of the statement, if there is one."""
    if isinstance(tree, exp.Use):
        return _alias_token(reader, tree.this)
    if isinstance(tree, exp.Set):
        for item in tree.expressions:
            inner = item.this if isinstance(item, exp.SetItem) else item
            if isinstance(inner, exp.EQ) and isinstance(inner.expression, exp.Alias):
                return _alias_token(reader, inner.expression)
    if isinstance(tree, exp.Transaction):
        extra = next((i for i in range(len(reader)) if reader.word(i) not in BEGIN_WORDS), None)
        # SQLite: BEGIN [mode] TRANSACTION name (the name is accepted and ignored)
        if extra is None or reader.dialect != "sqlite":
            return extra
        named = extra == len(reader) - 1 and reader.word(extra - 1) == "TRANSACTION"
        return None if named else extra
    if reader.dialect == "sqlite" and isinstance(tree, exp.Delete | exp.Update):
        at = _alias_token(reader, tree.this)  # SQLite: `t AS x` only, never `t x`
        if at is not None and reader.word(at - 1) != "AS":
            return at
    if isinstance(tree, exp.Insert) and isinstance(tree.expression, exp.Values):
        at = _alias_token(reader, tree.expression)
        if at is not None and reader.word(at - 1) != "AS":
            return at
    return None


def _alias_token(reader: Reader, node: exp.Expr | None) -> int | None:
    if not isinstance(node, exp.Expr):
        return None
    alias = node.args.get("alias")
    if isinstance(alias, exp.TableAlias):
        alias = alias.this
    if isinstance(alias, exp.Identifier) and alias.meta.get("start") is not None:
        return reader.index_at(int(alias.meta["start"]))
    return None
