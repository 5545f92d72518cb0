"""Generate a synthetic, deterministic corpus of PostgreSQL migration files for benchmarks.

The corpus reads like a real project's history: tables are created before they are altered,
indexed, backfilled or dropped; constraints are added NOT VALID and validated later; enums grow;
functions carry `$$` bodies. The same seed and file count always produce the same bytes, so
numbers measured on two machines (or two commits) are about the same input.

    python benchmarks/gen_corpus.py                      # 2,000 files into benchmarks/.work/corpus
    python benchmarks/gen_corpus.py --files 60 --out /tmp/corpus --seed 7

The output folder holds `dbops.yaml` and `migrations/*.sql`; it is replaced on every run.
"""

from __future__ import annotations

import argparse
import random
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_FILES = 2000
DEFAULT_SEED = 20250514
DEFAULT_OUT = Path(__file__).resolve().parent / ".work" / "corpus"

NOUNS = [
    "account",
    "order",
    "invoice",
    "payment",
    "customer",
    "product",
    "shipment",
    "address",
    "review",
    "coupon",
    "session",
    "employee",
    "department",
    "project",
    "task",
    "ticket",
    "comment",
    "tag",
    "category",
    "warehouse",
    "supplier",
    "refund",
    "subscription",
    "plan",
    "event",
    "device",
    "audit_log",
    "notification",
    "message",
    "attachment",
    "report",
]
COLUMN_TYPES = (
    "text",
    "varchar(255)",
    "integer",
    "bigint",
    "boolean",
    "numeric(12, 2)",
    "timestamptz",
    "date",
    "jsonb",
    "uuid",
)
ADJECTIVES = [
    "primary",
    "legacy",
    "external",
    "internal",
    "billing",
    "shipping",
    "display",
    "archived",
]


@dataclass
class Table:
    name: str
    columns: list[str]
    indexes: list[str] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)  # NOT VALID constraints awaiting VALIDATE


@dataclass
class Migration:
    description: str
    statements: list[str]
    dml: bool = False
    no_transaction: bool = False


class History:
    """What earlier generated migrations created, so later ones refer to real objects."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.tables: list[Table] = []
        self.enums: dict[str, list[str]] = {}
        self.counter = 0

    def fresh(self, stem: str) -> str:
        self.counter += 1
        return f"{stem}_{self.counter}"

    def table(self) -> Table:
        return self.rng.choice(self.tables)


def _column_definition(rng: random.Random, name: str) -> str:
    kind = rng.choice(COLUMN_TYPES)
    extras = []
    if rng.random() < 0.4:
        extras.append("NOT NULL")
    if kind == "boolean" and rng.random() < 0.7:
        extras.append("DEFAULT false")
    elif kind == "timestamptz" and rng.random() < 0.6:
        extras.append("DEFAULT now()")
    return " ".join([name, kind, *extras])


def create_table(history: History) -> Migration:
    rng = history.rng
    name = history.fresh(rng.choice(NOUNS))
    columns = [f"{rng.choice(ADJECTIVES)}_{history.fresh('col')}" for _ in range(rng.randint(3, 7))]
    lines = ["id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY"]
    lines += [_column_definition(rng, column) for column in columns]
    lines.append("created_at timestamptz NOT NULL DEFAULT now()")
    if history.tables and rng.random() < 0.6:
        parent = history.table()
        lines.append(f"{parent.name}_id bigint REFERENCES {parent.name} (id) ON DELETE CASCADE")
        columns.append(f"{parent.name}_id")
    if rng.random() < 0.3:
        lines.append(f"CONSTRAINT {name}_created_check CHECK (created_at > '2000-01-01')")
    body = ",\n    ".join(lines)
    statements = [f"CREATE TABLE {name} (\n    {body}\n)"]
    statements.append(f"COMMENT ON TABLE {name} IS 'Holds {name.replace('_', ' ')} records'")
    index = f"{name}_created_at_idx"
    statements.append(f"CREATE INDEX {index} ON {name} (created_at)")
    if rng.random() < 0.5:
        statements.append(f"CREATE UNIQUE INDEX {name}_{columns[0]}_key ON {name} ({columns[0]})")
    history.tables.append(Table(name, ["id", *columns, "created_at"], [index]))
    return Migration(f"create_table_{name}", statements)


def add_columns(history: History) -> Migration:
    rng = history.rng
    table = history.table()
    statements = []
    for _ in range(rng.randint(1, 3)):
        column = history.fresh("col")
        statements.append(f"ALTER TABLE {table.name} ADD COLUMN {_column_definition(rng, column)}")
        table.columns.append(column)
    statements.append(
        f"COMMENT ON COLUMN {table.name}.{table.columns[-1]} IS 'Added for {rng.choice(NOUNS)}'"
    )
    return Migration(f"add_columns_to_{table.name}", statements)


def add_foreign_key(history: History) -> Migration:
    rng = history.rng
    table, parent = history.table(), history.table()
    column = f"{parent.name}_ref"
    constraint = history.fresh(f"{table.name}_fk")
    statements = [
        "SET lock_timeout = '5s'",
        f"ALTER TABLE {table.name} ADD COLUMN IF NOT EXISTS {column} bigint",
        f"ALTER TABLE {table.name} ADD CONSTRAINT {constraint} FOREIGN KEY ({column}) "
        f"REFERENCES {parent.name} (id) NOT VALID",
    ]
    if rng.random() < 0.7:
        statements.append(f"ALTER TABLE {table.name} VALIDATE CONSTRAINT {constraint}")
    table.columns.append(column)
    return Migration(f"add_fk_{constraint}", statements)


def set_not_null(history: History) -> Migration:
    rng = history.rng
    table = history.table()
    column = rng.choice(table.columns[1:])
    check = history.fresh(f"{table.name}_nn")
    statements = [
        f"ALTER TABLE {table.name} ADD CONSTRAINT {check} CHECK ({column} IS NOT NULL) NOT VALID",
        f"ALTER TABLE {table.name} VALIDATE CONSTRAINT {check}",
        f"ALTER TABLE {table.name} ALTER COLUMN {column} SET NOT NULL",
        f"ALTER TABLE {table.name} DROP CONSTRAINT {check}",
    ]
    return Migration(f"set_not_null_{table.name}_{column}", statements)


def concurrent_index(history: History) -> Migration:
    rng = history.rng
    table = history.table()
    statements = []
    for _ in range(rng.randint(1, 2)):
        column = rng.choice(table.columns)
        index = history.fresh(f"{table.name}_{column}_idx")
        unique = "UNIQUE " if rng.random() < 0.2 else ""
        where = f" WHERE {column} IS NOT NULL" if rng.random() < 0.3 else ""
        statements.append(
            f"CREATE {unique}INDEX CONCURRENTLY IF NOT EXISTS {index} ON {table.name} "
            f"({column}){where}"
        )
        table.indexes.append(index)
    return Migration(f"index_{table.name}", statements, no_transaction=True)


def plain_index(history: History) -> Migration:
    rng = history.rng
    table = history.table()
    columns = rng.sample(table.columns, k=min(2, len(table.columns)))
    index = history.fresh(f"{table.name}_idx")
    table.indexes.append(index)
    return Migration(
        f"index_{index}", [f"CREATE INDEX {index} ON {table.name} ({', '.join(columns)})"]
    )


def backfill(history: History) -> Migration:
    rng = history.rng
    table = history.table()
    column = rng.choice(table.columns[1:])
    statements = []
    for batch in range(rng.randint(2, 5)):
        low = batch * 10000
        statements.append(
            f"UPDATE {table.name} SET {column} = DEFAULT "
            f"WHERE id >= {low} AND id < {low + 10000} AND {column} IS NULL"
        )
    if rng.random() < 0.5:
        source = history.table()
        statements.append(
            f"INSERT INTO {table.name} (created_at) SELECT created_at FROM {source.name} "
            f"WHERE created_at < now() - interval '{rng.randint(1, 90)} days' "
            f"ON CONFLICT DO NOTHING"
        )
    if rng.random() < 0.3:
        statements.append(f"DELETE FROM {table.name} WHERE created_at < '2001-01-01'")
    return Migration(f"backfill_{table.name}", statements, dml=True)


def seed_rows(history: History) -> Migration:
    rng = history.rng
    table = history.table()
    values = ",\n    ".join(f"(now() - interval '{day} days')" for day in range(rng.randint(2, 6)))
    return Migration(
        f"seed_{table.name}",
        [f"INSERT INTO {table.name} (created_at) VALUES\n    {values}"],
        dml=True,
    )


def enum_type(history: History) -> Migration:
    rng = history.rng
    if history.enums and rng.random() < 0.5:
        name = rng.choice(sorted(history.enums))
        value = history.fresh("state")
        history.enums[name].append(value)
        return Migration(
            f"extend_{name}",
            [f"ALTER TYPE {name} ADD VALUE IF NOT EXISTS '{value}'"],
            no_transaction=True,
        )
    name = history.fresh("status")
    labels = ["pending", "active", "closed"]
    history.enums[name] = labels
    table = history.table()
    column = f"{name}_value"
    table.columns.append(column)
    quoted = ", ".join(f"'{label}'" for label in labels)
    return Migration(
        f"create_type_{name}",
        [
            f"CREATE TYPE {name} AS ENUM ({quoted})",
            f"ALTER TABLE {table.name} ADD COLUMN {column} {name}",
            f"ALTER TABLE {table.name} ALTER COLUMN {column} SET DEFAULT 'pending'",
        ],
    )


def function_and_trigger(history: History) -> Migration:
    table = history.table()
    function = history.fresh(f"touch_{table.name}")
    body = (
        f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger\n"
        f"LANGUAGE plpgsql AS $$\n"
        f"BEGIN\n"
        f"    -- keep the audit column current; a semicolon here must not split the file\n"
        f"    NEW.created_at := coalesce(NEW.created_at, now());\n"
        f"    RETURN NEW;\n"
        f"END;\n"
        f"$$"
    )
    trigger = f"CREATE TRIGGER {function}_trg BEFORE INSERT ON {table.name} " + (
        f"FOR EACH ROW EXECUTE FUNCTION {function}()"
    )
    return Migration(f"trigger_{function}", [body, trigger])


def view(history: History) -> Migration:
    rng = history.rng
    table = history.table()
    name = history.fresh(f"{table.name}_recent")
    materialized = rng.random() < 0.3
    kind = "MATERIALIZED VIEW" if materialized else "OR REPLACE VIEW"
    statements = [
        f"CREATE {kind} {name} AS\n"
        f"SELECT id, created_at FROM {table.name}\n"
        f"WHERE created_at > now() - interval '30 days'"
    ]
    if materialized:
        statements.append(f"CREATE UNIQUE INDEX {name}_id ON {name} (id)")
    return Migration(f"view_{name}", statements)


def rename_column(history: History) -> Migration:
    table = history.table()
    old = history.rng.choice(table.columns[1:])
    new = history.fresh("renamed")
    table.columns[table.columns.index(old)] = new
    return Migration(
        f"rename_{table.name}_{old}",
        [f"ALTER TABLE {table.name} RENAME COLUMN {old} TO {new}"],
    )


def drop_things(history: History) -> Migration:
    rng = history.rng
    table = history.table()
    statements = []
    if table.indexes:
        index = table.indexes.pop()
        statements.append(f"DROP INDEX CONCURRENTLY IF EXISTS {index}")
        return Migration(f"drop_index_{index}", statements, no_transaction=True)
    if len(table.columns) > 3:
        column = table.columns.pop()
        statements.append(f"ALTER TABLE {table.name} DROP COLUMN IF EXISTS {column}")
    if len(history.tables) > 20 and rng.random() < 0.3:
        history.tables.remove(table)
        statements.append(f"DROP TABLE IF EXISTS {table.name} CASCADE")
    if not statements:
        statements.append(f"ANALYZE {table.name}")
    return Migration(f"drop_from_{table.name}", statements)


Kind = Callable[[History], Migration]
KINDS: tuple[tuple[Kind, int], ...] = (
    (create_table, 16),
    (add_columns, 14),
    (add_foreign_key, 9),
    (set_not_null, 8),
    (concurrent_index, 9),
    (plain_index, 4),
    (backfill, 12),
    (seed_rows, 4),
    (enum_type, 6),
    (function_and_trigger, 6),
    (view, 4),
    (rename_column, 3),
    (drop_things, 5),
)
DML_KINDS: tuple[Kind, ...] = (backfill, seed_rows)
COMBINE_PROBABILITY = 0.4


def render(migration: Migration, rng: random.Random) -> str:
    header = [f"-- {migration.description.replace('_', ' ')}"]
    if migration.no_transaction:
        header.append("-- dbops:no-transaction")
    parts = ["\n".join(header), ""]
    for statement in migration.statements:
        if rng.random() < 0.15:
            parts.append(f"-- step: {statement.split()[0].lower()}")
        parts.append(statement + ";")
        parts.append("")
    return "\n".join(parts)


def generate(files: int, seed: int) -> list[tuple[str, Migration]]:
    """`files` (file name, migration) pairs in version order."""
    rng = random.Random(seed)
    history = History(rng)
    kinds = [kind for kind, _ in KINDS]
    weights = [weight for _, weight in KINDS]
    result = []
    for number in range(files):
        kind = create_table if len(history.tables) < 3 else rng.choices(kinds, weights)[0]
        migration = kind(history)
        # Real migrations often bundle related changes: about 40% of the files get more parts
        # of the same change type (DDL with DDL, DML with DML).
        while rng.random() < COMBINE_PROBABILITY:
            group = DML_KINDS if kind in DML_KINDS else [k for k in kinds if k not in DML_KINDS]
            extra = rng.choice(group)(history)
            migration.statements.extend(extra.statements)
            migration.no_transaction = migration.no_transaction or extra.no_transaction
        suffix = "_dml" if migration.dml else ""
        name = f"{202401010000 + number}_{migration.description[:60]}{suffix}.sql"
        result.append((name, migration))
    return result


def write_corpus(out: Path, files: int = DEFAULT_FILES, seed: int = DEFAULT_SEED) -> int:
    """Replace `out` with a fresh corpus; returns the number of statements written."""
    migrations = out / "migrations"
    if migrations.exists():
        shutil.rmtree(migrations)
    migrations.mkdir(parents=True)
    (out / "dbops.yaml").write_text("migrations: migrations\ndialect: postgres\n")
    layout = random.Random(seed + 1)  # comments between statements, independent of the history
    statements = 0
    for name, migration in generate(files, seed):
        (migrations / name).write_text(render(migration, layout), encoding="utf-8")
        statements += len(migration.statements)
    return statements


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=DEFAULT_FILES)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    statements = write_corpus(args.out, args.files, args.seed)
    print(f"wrote {args.files} files, {statements} statements, to {args.out}")


if __name__ == "__main__":
    main()
