"""Views, types, domains, sequences, routines, comments, grants, maintenance … from pglast."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dbops.core.statements import Statement
from dbops.parsing.pg_context import Context

BUILDERS: dict[str, Callable[[Any, Context], Statement]] = {}
