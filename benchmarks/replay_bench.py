"""Time the schema replay alone on migration folders: parsing, normalizing to typed statements,
`SchemaModel.apply` of every statement, and `SchemaModel.copy()` of the final model.

    python benchmarks/replay_bench.py                       # the three corpora of tests/corpus
    python benchmarks/replay_bench.py postgres:/path/to/migrations

Each folder is replayed three times; the best time is printed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from dbops.core.schema import SchemaModel
from dbops.core.sql import parse_sql
from dbops.parsing import typed_statements

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus"


def bench(dialect: str, folder: Path) -> str:
    paths = sorted(folder.rglob("*.sql"))
    start = time.perf_counter()
    parsed = [parse_sql(path.read_text(encoding="utf-8"), dialect) for path in paths]
    parsing = time.perf_counter() - start
    start = time.perf_counter()
    nodes = [node for file in parsed for node in typed_statements(file, dialect)]
    normalizing = time.perf_counter() - start
    applying = float("inf")
    model = SchemaModel(dialect=dialect)
    for _ in range(3):
        model = SchemaModel(dialect=dialect)
        start = time.perf_counter()
        for node in nodes:
            model.apply(node, "bench.sql")
        applying = min(applying, time.perf_counter() - start)
    start = time.perf_counter()
    for _ in range(100):
        model.copy()
    copying = (time.perf_counter() - start) / 100
    return (
        f"{dialect:9} {folder.name:14} {len(paths):5} files {len(nodes):6} statements: "
        f"parse {parsing * 1000:7.1f} ms, normalize {normalizing * 1000:7.1f} ms, "
        f"apply {applying * 1000:6.1f} ms, copy() {copying * 1000:.3f} ms "
        f"({len(model.tables)} tables, {len(model.indexes)} keys and indexes)"
    )


def main(arguments: list[str]) -> None:
    targets = [argument.split(":", 1) for argument in arguments] or [
        [dialect, str(CORPUS / dialect)] for dialect in ("postgres", "mysql", "sqlite")
    ]
    for dialect, folder in targets:
        print(bench(dialect, Path(folder)))


if __name__ == "__main__":
    main(sys.argv[1:])
