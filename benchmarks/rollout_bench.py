"""Rollout benchmark: dbops vs dbmate and yoyo-migrations on 1,000 SQLite migrations, and 100
targets rolled out at concurrency 8 vs 1.

    python benchmarks/rollout_bench.py [--migrations 1000] [--targets 100] [--latency-ms 2]

Everything it generates lives in benchmarks/.work/rollout/ (gitignored). Peers are installed
there on first use: dbmate from npm (`npm install dbmate`, a Go binary inside the package) and
yoyo-migrations from PyPI into its own venv.

1. Fresh: 1,000 migrations (each a CREATE TABLE and an INSERT, with dbmate's `-- migrate:up`
   marker, which the other two read as a comment) applied to an empty SQLite file, each tool
   from its command line (process start included, as in CI). dbops runs with
   `review: {fail_on: never}` (its review cannot stop the rollout then, so it is skipped; the
   time with the default review is printed too).
2. No-op: the same command again on the up-to-date database.
3. Concurrency: 100 SQLite targets x 20 migrations, rolled out in-process at concurrency 8 and 1.
   A SQLite file is CPU-bound and local; production targets are servers across a network,
   where every statement waits at least one round trip. The benchmark gives every statement
   dbops sends (migration statements, history rows, savepoints) a fixed latency (default 2 ms,
   a same-region cloud round trip) by wrapping the SQLite adapter's statement call with a sleep,
   so the targets are I/O-bound the way real ones are. The same wrapper runs in both modes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
WORK = HERE / ".work" / "rollout"
TOOLS = HERE / ".work"
DBMATE_WRAPPER = TOOLS / "node_modules" / ".bin" / "dbmate"  # a Node.js script
YOYO_VENV = TOOLS / "yoyo-venv"


def dbmate_binary() -> Path:
    """dbmate's own Go binary, which the npm package ships in a per-platform package
    (node_modules/@dbmate/linux-x64/bin/dbmate): timing the JS wrapper would add Node's start-up
    (~40 ms a run) to dbmate's numbers."""
    for candidate in sorted((TOOLS / "node_modules" / "@dbmate").glob("*/bin/dbmate")):
        if os.access(candidate, os.X_OK):
            return candidate
    return DBMATE_WRAPPER


def ensure_peers() -> None:
    if not DBMATE_WRAPPER.exists():
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "dbmate"], cwd=TOOLS, check=True
        )
    if not (YOYO_VENV / "bin" / "yoyo").exists():
        subprocess.run([sys.executable, "-m", "venv", str(YOYO_VENV)], check=True)
        pip = [str(YOYO_VENV / "bin" / "pip"), "install", "-q", "yoyo-migrations"]
        subprocess.run(pip, check=True)


def write_corpus(folder: Path, count: int) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for number in range(1, count + 1):
        sql = (
            "-- migrate:up\n"
            f"CREATE TABLE t{number} (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n"
            f"INSERT INTO t{number} (id, name) VALUES ({number}, 'row {number}');\n"
            "\n-- migrate:down\n"
        )
        (folder / f"{number:06d}_create_t{number}.sql").write_text(sql, encoding="utf-8")


def write_dbops_project(root: Path, urls: Sequence[str], fail_on: str, concurrency: int) -> None:
    targets = "\n".join(f'      - {{name: t{i}, url: "{url}"}}' for i, url in enumerate(urls))
    (root / "dbops.yaml").write_text(
        f"migrations: migrations\ndialect: sqlite\nreview: {{fail_on: {fail_on}}}\n"
        f"environments:\n  bench:\n    concurrency: {concurrency}\n    targets:\n{targets}\n",
        encoding="utf-8",
    )


def timed(command: Sequence[str], cwd: Path) -> float:
    started = time.perf_counter()
    completed = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if completed.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{completed.stdout}\n{completed.stderr}")
    return elapsed


def tool_commands(root: Path) -> dict[str, list[str]]:
    migrations = str(root / "migrations")
    return {
        "dbops": [sys.executable, "-m", "dbops", "rollout", "--env", "bench", "--quiet"],
        "dbmate": [
            str(dbmate_binary()),
            "--url",
            f"sqlite:{root / 'dbmate.db'}",
            "--migrations-dir",
            migrations,
            "--no-dump-schema",
            "up",
        ],
        "yoyo": [
            str(YOYO_VENV / "bin" / "yoyo"),
            "apply",
            "--batch",
            "--no-config-file",
            "--database",
            f"sqlite:///{root / 'yoyo.db'}",
            migrations,
        ],
    }


def bench_single_target(count: int, repeats: int) -> dict[str, dict[str, float]]:
    root = WORK / "single"
    write_corpus(root / "migrations", count)
    results: dict[str, dict[str, list[float]]] = {}
    for _ in range(repeats):
        for name, command in tool_commands(root).items():
            for database in ("dbops.db", "dbmate.db", "yoyo.db"):
                (root / database).unlink(missing_ok=True)
            write_dbops_project(root, ["sqlite:///dbops.db"], "never", 1)
            runs = results.setdefault(name, {"fresh": [], "noop": []})
            runs["fresh"].append(timed(command, root))
            runs["noop"].append(timed(command, root))
    (root / "dbops.db").unlink(missing_ok=True)
    write_dbops_project(root, ["sqlite:///dbops.db"], "error", 1)
    reviewed = timed(tool_commands(root)["dbops"], root)
    reviewed_noop = timed(tool_commands(root)["dbops"], root)  # nothing pending: no review
    summary = {
        name: {k: statistics.median(v) for k, v in runs.items()} for name, runs in results.items()
    }
    summary["dbops (with review)"] = {"fresh": reviewed, "noop": reviewed_noop}
    return summary


def bench_concurrency(targets: int, migrations: int, latency: float) -> dict[int, float]:
    sys.path.insert(0, str(HERE.parent / "src"))
    from dbops.adapters.config_file import load_project
    from dbops.adapters.databases.sqlite import SqliteDatabase
    from dbops.commands.release import Runtime
    from dbops.commands.rollout import RolloutRequest, run_rollout

    original = SqliteDatabase._run

    def remote_run(self: SqliteDatabase, sql: str, params: Sequence[Any] = ()) -> int:
        time.sleep(latency)  # one network round trip per statement, as to a database server
        return original(self, sql, params)

    SqliteDatabase._run = remote_run  # type: ignore[method-assign]
    root = WORK / "many"
    write_corpus(root / "migrations", migrations)
    timings: dict[int, float] = {}
    for concurrency in (1, 8):
        for old in root.glob("t*.db"):
            old.unlink()
        write_dbops_project(
            root, [f"sqlite:///t{i}.db" for i in range(targets)], "never", concurrency
        )
        project = load_project(None, root)
        started = time.perf_counter()
        outcome = run_rollout(project, RolloutRequest("bench"), Runtime(cwd=root))
        timings[concurrency] = time.perf_counter() - started
        if outcome.exit_code != 0:
            raise SystemExit(f"rollout at concurrency {concurrency} failed: {outcome.targets[0]}")
    SqliteDatabase._run = original  # type: ignore[method-assign]
    return timings


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--migrations", type=int, default=1000)
    parser.add_argument("--targets", type=int, default=100)
    parser.add_argument("--target-migrations", type=int, default=20)
    parser.add_argument("--latency-ms", type=float, default=2.0)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    WORK.mkdir(parents=True, exist_ok=True)
    ensure_peers()
    # Installed packages carry bytecode (pip compiles it); with this variable set, every run of
    # an editable install would compile each module again (~0.1 s of start-up users never see).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ.pop("BITBUCKET_BUILD_NUMBER", None)

    single = bench_single_target(args.migrations, args.repeats)
    print(
        f"{args.migrations} SQLite migrations, median of {args.repeats} (seconds, CLI incl. start)"
    )
    print(f"{'tool':<22}{'fresh':>10}{'no-op':>10}")
    for name, times in single.items():
        print(f"{name:<22}{times['fresh']:>10.2f}{times['noop']:>10.2f}")
    fresh_ratio = single["dbops"]["fresh"] / single["dbmate"]["fresh"]
    noop_ratio = single["dbops"]["noop"] / single["yoyo"]["noop"]
    print(f"fresh: dbops/dbmate = {fresh_ratio:.2f} (target <= 1)")
    print(f"no-op: dbops/yoyo   = {noop_ratio:.2f} (target <= 1)")

    timings = bench_concurrency(args.targets, args.target_migrations, args.latency_ms / 1000)
    speedup = timings[1] / timings[8]
    print(
        f"{args.targets} targets x {args.target_migrations} migrations, "
        f"{args.latency_ms:g} ms per statement: concurrency 1 {timings[1]:.2f}s, "
        f"concurrency 8 {timings[8]:.2f}s, speedup {speedup:.1f}x (target >= 6)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
