"""Facts read off typed statements that the replay, the lock model and rules share."""

from __future__ import annotations

from dbops.core.statements.parts import ExprKind
from dbops.core.statements.tables import Constraint, ConstraintKind


def not_null_check_of(constraint: Constraint) -> str | None:
    """The column a `CHECK (column IS NOT NULL)` constraint proves not null (compared name),
    else None: PostgreSQL 12+ uses such a valid check to skip SET NOT NULL's full scan."""
    if constraint.kind is not ConstraintKind.CHECK or constraint.check is None:
        return None
    check = constraint.check
    if check.kind is ExprKind.OPERATOR and check.name.lower() in ("is not", "is not null"):
        subject = check.arguments[0] if check.arguments else None
        rest = check.arguments[1:]
        plain = not rest or rest[0].kind is ExprKind.NULL
        if subject is not None and subject.kind is ExprKind.COLUMN and plain:
            return subject.name
    return None
