"""Finding regular expressions that backtrack exponentially, from the stdlib's own parse tree.

A repeated group whose body holds an unbounded repeat that can consume the characters the body
begins with (`(a+)+`, `(\\w+\\s?)*`) splits a long near-match between rounds in exponentially
many ways; `re` tries them all. Characters are judged over ASCII (names are identifiers)."""

from __future__ import annotations

import re
import re._parser as sre_parse  # type: ignore[import-not-found]
from typing import Any

_ASCII = frozenset(chr(code) for code in range(128))
_UNBOUNDED = 1000  # more repeats than this counts as unbounded (MAXREPEAT is `*` and `+`)
_CATEGORIES = {
    "CATEGORY_DIGIT": re.compile(r"\d"),
    "CATEGORY_NOT_DIGIT": re.compile(r"\D"),
    "CATEGORY_WORD": re.compile(r"\w"),
    "CATEGORY_NOT_WORD": re.compile(r"\W"),
    "CATEGORY_SPACE": re.compile(r"\s"),
    "CATEGORY_NOT_SPACE": re.compile(r"\S"),
}


def exponential_repeat(pattern: str) -> str | None:
    """The repeated group of `pattern` that can backtrack exponentially, described, or None
    (also None when it does not compile: its own validation says why)."""
    try:
        tree = sre_parse.parse(pattern)
    except re.error:
        return None
    return _ambiguous(list(tree))


def _ambiguous(items: list[Any]) -> str | None:
    for op, argument in items:
        name = str(op)
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            _, high, body = argument
            body_items = list(body)
            if high > _UNBOUNDED and name != "POSSESSIVE_REPEAT":
                starts = _first(body_items)
                for inner in _unbounded_repeats(body_items):
                    if _chars(list(inner)) & starts:
                        return "a repeated group holds a repeat that can eat its next round"
            found = _ambiguous(body_items)
        else:
            found = _ambiguous_children(name, argument)
        if found:
            return found
    return None


def _ambiguous_children(name: str, argument: Any) -> str | None:
    for child in _children(name, argument):
        found = _ambiguous(child)
        if found:
            return found
    return None


def _children(name: str, argument: Any) -> list[list[Any]]:
    if name == "SUBPATTERN":
        return [list(argument[-1])]
    if name == "BRANCH":
        return [list(branch) for branch in argument[1]]
    if name in ("ASSERT", "ASSERT_NOT", "ATOMIC_GROUP"):
        return [list(argument[-1] if name != "ATOMIC_GROUP" else argument)]
    return []


def _unbounded_repeats(items: list[Any]) -> list[Any]:
    """Bodies of the unbounded repeats anywhere inside `items`."""
    found = []
    for op, argument in items:
        name = str(op)
        if name in ("MAX_REPEAT", "MIN_REPEAT"):
            _, high, body = argument
            if high > _UNBOUNDED:
                found.append(body)
            found.extend(_unbounded_repeats(list(body)))
        else:
            for child in _children(name, argument):
                found.extend(_unbounded_repeats(child))
    return found


def _first(items: list[Any]) -> frozenset[str]:
    """Characters a match of the sequence `items` can begin with."""
    chars: set[str] = set()
    for op, argument in items:
        name = str(op)
        chars |= _item_first(name, argument)
        if not _nullable(name, argument):
            break
    return frozenset(chars)


def _item_first(name: str, argument: Any) -> frozenset[str]:
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        return _first(list(argument[2]))
    children = _children(name, argument)
    if children:
        return frozenset().union(*(_first(child) for child in children))
    return _single(name, argument)


def _nullable(name: str, argument: Any) -> bool:
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        return int(argument[0]) == 0 or all(_nullable(str(o), a) for o, a in argument[2])
    if name == "SUBPATTERN":
        return all(_nullable(str(o), a) for o, a in argument[-1])
    if name == "BRANCH":
        return any(all(_nullable(str(o), a) for o, a in branch) for branch in argument[1])
    return name in ("AT", "ASSERT", "ASSERT_NOT", "GROUPREF")


def _chars(items: list[Any]) -> frozenset[str]:
    """Every character some element of `items` can consume."""
    chars: set[str] = set()
    for op, argument in items:
        name = str(op)
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            chars |= _chars(list(argument[2]))
        elif (children := _children(name, argument)) and name not in ("ASSERT", "ASSERT_NOT"):
            for child in children:
                chars |= _chars(child)
        else:
            chars |= _single(name, argument)
    return frozenset(chars)


def _single(name: str, argument: Any) -> frozenset[str]:
    """Characters one element matches (empty for anchors and assertions)."""
    if name == "LITERAL":
        return frozenset({chr(argument)})
    if name == "NOT_LITERAL":
        return _ASCII - {chr(argument)}
    if name == "ANY":
        return _ASCII
    if name == "CATEGORY":
        return _category(str(argument))
    if name == "IN":
        return _in_set(list(argument))
    return frozenset()


def _category(name: str) -> frozenset[str]:
    compiled = _CATEGORIES.get(name)
    if compiled is None:
        return _ASCII
    return frozenset(char for char in _ASCII if compiled.match(char))


def _in_set(members: list[Any]) -> frozenset[str]:
    chars: set[str] = set()
    negate = False
    for op, argument in members:
        name = str(op)
        if name == "NEGATE":
            negate = True
        elif name == "RANGE":
            low, high = argument
            chars |= {chr(code) for code in range(low, min(high, 127) + 1)}
        elif name == "LITERAL":
            chars.add(chr(argument))
        elif name == "CATEGORY":
            chars |= _category(str(argument))
        else:
            chars |= _ASCII
    return _ASCII - chars if negate else frozenset(chars)
