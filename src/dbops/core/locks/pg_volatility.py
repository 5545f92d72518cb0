"""Whether a PostgreSQL expression can be evaluated once for every row (stable or immutable)
or must be evaluated per row (volatile): `ADD COLUMN … DEFAULT` with a volatile default rewrites
the table, a non-volatile one (PostgreSQL 11+) is stored once in the catalog."""

from __future__ import annotations

from dbops.core.statements import Expr, ExprKind

# Functions PostgreSQL marks VOLATILE that migrations use in defaults.
VOLATILE_FUNCTIONS = frozenset(
    {
        "random",
        "gen_random_uuid",
        "uuid_generate_v1",
        "uuid_generate_v1mc",
        "uuid_generate_v4",
        "uuidv4",
        "uuidv7",
        "clock_timestamp",
        "timeofday",
        "nextval",
        "setval",
        "txid_current",
        "pg_current_xact_id",
        "random_normal",
    }
)
# Built-in functions that are STABLE or IMMUTABLE (a user function is presumed volatile, as
# PostgreSQL creates functions VOLATILE unless told otherwise).
STABLE_FUNCTIONS = frozenset(
    {
        *("now", "current_timestamp", "current_date", "current_time", "localtimestamp"),
        *("localtime", "transaction_timestamp", "statement_timestamp", "current_user"),
        *("session_user", "current_schema", "current_setting", "lower", "upper", "coalesce"),
        *("current_role", "user", "current_catalog", "current_database"),
        *("nullif", "greatest", "least", "length", "concat", "concat_ws", "md5", "abs"),
        *("round", "trunc", "floor", "ceil", "to_char", "to_date", "to_timestamp", "date_trunc"),
        *("make_interval", "make_date", "jsonb_build_object", "json_build_object", "array"),
        *("jsonb_build_array", "json_build_array", "to_jsonb", "to_json", "encode", "decode"),
        *("substring", "substr", "replace", "btrim", "ltrim", "rtrim", "trim", "format"),
        *("extract", "date_part", "age", "timezone", "left", "right", "lpad", "rpad"),
        *("array_fill", "string_to_array", "array_to_string", "cardinality", "int4range"),
        *("int8range", "tstzrange", "tsrange", "daterange", "numrange", "point", "inet"),
    }
)


def volatile_function(expression: Expr) -> Expr | None:
    """The first part of an expression PostgreSQL may evaluate per row: a call known to be
    VOLATILE (`random()`, `gen_random_uuid()`, `clock_timestamp()`, `nextval()`, …), a call
    dbops does not know (PostgreSQL creates functions VOLATILE unless told otherwise, and an
    offline review cannot see its catalog), or a subquery. Array constructors, casts, literals
    and operators are not calls."""
    for node in expression.walk():
        if node.kind is ExprKind.SUBQUERY:
            return node
        if node.kind is ExprKind.FUNCTION:
            name = node.name.rsplit(".", 1)[-1].lower()
            if name in VOLATILE_FUNCTIONS or name not in STABLE_FUNCTIONS:
                return node
    return None


def is_volatile(expression: Expr) -> bool:
    return volatile_function(expression) is not None
