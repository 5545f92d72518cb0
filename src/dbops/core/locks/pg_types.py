"""Which PostgreSQL column type changes rewrite the table and which are binary coercible (only
the catalog changes): `varchar(100)` → `varchar(200)` or `text` is free, `integer` → `bigint`
rewrites every row. Checked against relfilenode on PostgreSQL 15 (tests/locks/)."""

from __future__ import annotations

from dbops.core.statements import Expr, ExprKind, TypeName

_TEXT_LIKE = frozenset({"character varying", "text"})
_VARYING_BITS = frozenset({"character varying", "bit varying", "varbit"})


def rewrites_for_type_change(before: TypeName | None, after: TypeName, using: Expr | None) -> bool:
    """Whether PostgreSQL rewrites the table (and its indexes) for `ALTER COLUMN … TYPE after`
    on a column of type `before`: not when every old value is already a valid value of the new
    type (varchar widened, made unbounded or text; numeric widened at the same scale; checked
    against relfilenode on PostgreSQL 15); always when the old type is unknown or a USING
    expression computes more than the cast."""
    if before is None:
        return True
    if using is not None and using.stripped().kind is not ExprKind.COLUMN:
        return True
    if before.array_dimensions != after.array_dimensions:
        return True
    if before.name == after.name:
        return not _widens(before, after)
    if before.name in _TEXT_LIKE and after.name in _TEXT_LIKE:
        # text -> varchar(n) must check every value's length: PostgreSQL rewrites.
        return after.name == "character varying" and after.length is not None
    return (before.name, after.name) != ("cidr", "inet")


def _widens(before: TypeName, after: TypeName) -> bool:
    """Same type: whether the new modifiers accept every old value without conversion."""
    if before.parameters == after.parameters:
        return True
    if not after.parameters:
        return before.name in (*_VARYING_BITS, "numeric")
    if before.name in _VARYING_BITS:
        old, new = before.length, after.length
        return old is not None and new is not None and new >= old
    if before.name == "numeric" and len(before.parameters) == len(after.parameters):
        numbers = [int(p) for p in (*before.parameters, *after.parameters) if p.isdigit()]
        if len(numbers) != 2 * len(before.parameters):
            return False
        half = len(before.parameters)
        old_numbers, new_numbers = numbers[:half], numbers[half:]
        same_scale = old_numbers[1:] == new_numbers[1:]
        return same_scale and new_numbers[0] >= old_numbers[0]
    return False
