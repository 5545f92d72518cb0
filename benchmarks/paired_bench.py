"""Before/after and next to Squawk in one paired run: CPU time, wall time, peak memory.

    python benchmarks/paired_bench.py                       # corpus of check_bench.py, 3 rounds
    python benchmarks/paired_bench.py --baseline /path/to/old/bin/dbops --squawk /path/to/squawk
    python benchmarks/paired_bench.py --big-mb 20           # also the file of INSERTs (slow)

Each round runs every command once, in turn (baseline, this dbops, Squawk, …), so that a busy
machine slows all of them alike; the table shows the medians over the rounds and the ratios
between commands of the same run. CPU time is user + system time of the process and of the
processes it waited for (`wait4`), which is what a shared CI runner bills; wall time is what a
developer waits. Squawk runs with its default rules (all of them on); dbops with its default
policy, JSON to /dev/null. `--baseline` is any other dbops executable (the rebuild's starting
point: /work/wt/baseline/.venv/bin/dbops on the machine these results came from).

Rows: the 2,000-file corpus; the same with column-no-null off (the one default rule still on
sqlglot's tree, whose model port is on another branch: the PostgreSQL path with no sqlglot work
at all); `check one.sql`; `--help`; a second, unchanged run over the first; with --big-mb, one
file of INSERTs of that size (peak memory next to Squawk's).
"""

from __future__ import annotations

import argparse
import datetime
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE / ".work"
RESULTS = HERE / "results" / "paired.md"
DEFAULT_BASELINE = Path("/work/wt/baseline/.venv/bin/dbops")
DEFAULT_SQUAWK = Path("/tmp/sq/bin/squawk")

sys.path.insert(0, str(HERE))
from check_bench import _machine, _tree_rss_kb, prepare_corpus, prepare_single  # noqa: E402


@dataclass
class Samples:
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    peak_mb: list[float] = field(default_factory=list)

    def median(self, kind: str) -> float:
        values: list[float] = getattr(self, kind)
        return statistics.median(values) if values else float("nan")


def measure(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system, waited-for children included), peak RSS of the
    process tree in MB (sampled every 5 ms; the largest process's own maximum if higher)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    peak_kb = 0
    while True:
        pid, _status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        peak_kb = max(peak_kb, _tree_rss_kb(process.pid))
        time.sleep(0.005)
    process.returncode = 0
    wall = time.perf_counter() - started
    return wall, usage.ru_utime + usage.ru_stime, max(peak_kb, usage.ru_maxrss) / 1024


def write_inserts(path: Path, megabytes: int) -> Path:
    """One migration of batched INSERTs, `megabytes` MB, as a data load would be."""
    if path.exists() and path.stat().st_size >= megabytes * 1024 * 1024:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    row = "({0}, 'name {0}', 'user{0}@example.com', {1}, now())"
    with path.open("w") as out:
        out.write("CREATE TABLE people (id bigint PRIMARY KEY, name text NOT NULL, ")
        out.write("email text NOT NULL, score int NOT NULL, at timestamptz NOT NULL);\n")
        number = 0
        while out.tell() < megabytes * 1024 * 1024:
            rows = ",\n".join(row.format(number + i, (number + i) % 97) for i in range(100))
            out.write(f"INSERT INTO people (id, name, email, score, at) VALUES\n{rows};\n")
            number += 100
    return path


def build_rows(
    args: argparse.Namespace, corpus: Path, names: list[str]
) -> dict[str, tuple[list[str], Path]]:
    """Every command to time, by its label, with the folder it runs in."""
    single = prepare_single(corpus, names[0])
    no_tree = WORK / "corpus-no-tree-rule"
    no_tree.mkdir(parents=True, exist_ok=True)
    if not (no_tree / "migrations").exists():
        (no_tree / "migrations").symlink_to(corpus / "migrations")
    (no_tree / "policy.yaml").write_text("extends: default\nrules:\n  column-no-null: off\n")
    (no_tree / "dbops.yaml").write_text(
        "migrations: migrations\ndialect: postgres\nreview:\n  policy: policy.yaml\n"
    )
    tools = {"baseline": args.baseline, "dbops": args.dbops}
    for extra in args.extra:
        label, _, executable = extra.partition("=")
        tools[label] = Path(executable)
    tools = {name: path for name, path in tools.items() if path.exists()}
    check = ["check", "--format", "json", "--output", os.devnull]
    rows: dict[str, tuple[list[str], Path]] = {}
    for name, path in tools.items():
        rows[f"{name}: check, 2,000 files"] = ([str(path), *check], corpus)
        rows[f"{name}: check, column-no-null off"] = ([str(path), *check], no_tree)
    if "dbops" in tools:
        rows["dbops: check, unchanged rerun (cached)"] = ([str(tools["dbops"]), *check], corpus)
    if args.squawk.exists():
        rows["squawk: 2,000 files"] = ([str(args.squawk), "migrations/*.sql"], corpus)
    for name, path in tools.items():
        rows[f"{name}: check one.sql"] = ([str(path), *check, f"migrations/{names[0]}"], single)
        rows[f"{name}: --help"] = ([str(path), "--help"], single)
    if args.squawk.exists():
        rows["squawk: one.sql"] = ([str(args.squawk), f"migrations/{names[0]}"], single)
    if args.big_mb:
        big = write_inserts(WORK / "big" / "migrations" / "0001_load.sql", args.big_mb)
        (big.parent.parent / "dbops.yaml").write_text("migrations: migrations\ndialect: postgres\n")
        for name, path in tools.items():
            rows[f"{name}: {args.big_mb} MB of INSERTs"] = ([str(path), *check], big.parent.parent)
        if args.squawk.exists():
            rows[f"squawk: {args.big_mb} MB of INSERTs"] = (
                [str(args.squawk), "migrations/0001_load.sql"],
                big.parent.parent,
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", type=Path, default=DEFAULT_BASELINE)
    parser.add_argument("--squawk", type=Path, default=DEFAULT_SQUAWK)
    parser.add_argument("--dbops", type=Path, default=Path(sys.executable).parent / "dbops")
    parser.add_argument(
        "--extra",
        action="append",
        default=[],
        metavar="LABEL=EXECUTABLE",
        help="another dbops to time next to these (repeatable)",
    )
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the big runs")
    parser.add_argument("--quick-rounds", type=int, default=7, help="of one.sql and --help")
    parser.add_argument("--big-mb", type=int, default=0, help="also a file of INSERTs, in MB")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # installed packages have their bytecode
    corpus, names, size = prepare_corpus(2000)
    cache = WORK / "cache"
    env = {**os.environ, "DBOPS_CACHE_DIR": str(cache)}
    rows = build_rows(args, corpus, names)
    samples = {label: Samples() for label in rows}
    for label, (command, cwd) in rows.items():  # warm-up: bytecode, page cache, the caches
        if _quick(label) or _cached(label):
            subprocess.run(command, cwd=cwd, env=env, capture_output=True, check=False)
    for round_number in range(max(args.rounds, args.quick_rounds)):
        for label, (command, cwd) in rows.items():
            if round_number >= (args.quick_rounds if _quick(label) else args.rounds):
                continue
            # A review starts from an empty result cache unless the row is about the cache.
            empty = tempfile.mkdtemp(prefix="empty-cache-", dir=WORK)
            fresh = {**env, "DBOPS_CACHE_DIR": empty}
            wall, cpu, peak = measure(command, cwd, env if _cached(label) else fresh)
            shutil.rmtree(empty, ignore_errors=True)
            samples[label].wall.append(wall)
            samples[label].cpu.append(cpu)
            samples[label].peak_mb.append(peak)
    report = render(samples, args, len(names), size)
    print(report)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(report)


def _quick(label: str) -> bool:
    return "one.sql" in label or "--help" in label


def _cached(label: str) -> bool:
    """Rows that measure a cache: `--help` (its text) and the unchanged rerun."""
    return "--help" in label or "(cached)" in label


def render(samples: dict[str, Samples], args: argparse.Namespace, files: int, size: int) -> str:
    squawk = samples.get("squawk: 2,000 files")
    lines = [
        "# Paired run: before/after the rebuild, and next to Squawk",
        "",
        f"Corpus: {files} generated PostgreSQL migrations, {size / 1024:.0f} KiB. "
        f"Machine: {_machine()}; {datetime.date.today().isoformat()}. "
        f"Median of {args.rounds} interleaved rounds ({args.quick_rounds} for one.sql and "
        "--help, after a warm-up).",
        "",
        "| command | wall (s) | CPU (s) | CPU vs Squawk | peak RSS (MB) |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, timing in samples.items():
        cpu = timing.median("cpu")
        corpus_row = not _quick(label) and "INSERTs" not in label
        versus = f"{cpu / squawk.median('cpu'):.1f}x" if squawk and corpus_row else ""
        lines.append(
            f"| {label} | {timing.median('wall'):.3f} | {cpu:.3f} | {versus} | "
            f"{timing.median('peak_mb'):.0f} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
