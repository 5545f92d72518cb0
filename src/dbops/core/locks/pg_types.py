"""Which PostgreSQL column type changes rewrite the table and which are binary coercible (only
the catalog changes): `varchar(100)` → `varchar(200)` or `text` is free, `integer` → `bigint`
rewrites every row."""

from __future__ import annotations

from dbops.core.statements import Expr, TypeName

_TEXT_LIKE = frozenset({"character varying", "text"})


def rewrites_for_type_change(old: TypeName | None, new: TypeName, using: Expr | None) -> bool:
    """True unless PostgreSQL can change `old` to `new` without touching the rows. An unknown
    old type (not in the replayed history) is judged a rewrite: the safe assumption."""
    if old is None:
        return True
    if using is not None and not _trivial_using(using):
        return True
    if old.array_dimensions != new.array_dimensions:
        return True
    if old.name == new.name:
        return not _widens(old, new)
    if old.name in _TEXT_LIKE and new.name in _TEXT_LIKE:
        # varchar(n) -> text or unconstrained varchar is free; text -> varchar(n) must check
        # every value's length: PostgreSQL rewrites.
        return new.name == "character varying" and new.length is not None
    return (old.name, new.name) != ("cidr", "inet")


def _widens(old: TypeName, new: TypeName) -> bool:
    """Same type: whether the new modifiers accept every old value without conversion."""
    if old.parameters == new.parameters:
        return True
    if not new.parameters:
        return old.name in ("character varying", "numeric", "bit varying", "varbit")
    if old.name in ("character varying", "bit varying", "varbit"):
        return old.length is not None and new.length is not None and new.length >= old.length
    if old.name == "numeric" and len(old.parameters) == len(new.parameters) == 2:
        same_scale = old.parameters[1] == new.parameters[1]
        return same_scale and int(new.parameters[0]) >= int(old.parameters[0])
    if old.name == "numeric" and len(old.parameters) == len(new.parameters) == 1:
        return int(new.parameters[0]) >= int(old.parameters[0])
    return False


def _trivial_using(using: Expr) -> bool:
    """`USING col` or `USING col::newtype`: no computation beyond the cast itself."""
    return using.stripped().kind.value == "column"
