"""Time `dbops check` next to Squawk and sqlfluff on the same generated migrations.

    python benchmarks/check_bench.py                 # 2,000 files, 5 runs each
    python benchmarks/check_bench.py --runs 10 --sqlfluff-files 50

What it does, in order:
1. writes the corpus (benchmarks/gen_corpus.py) to benchmarks/.work/corpus unless it is there;
2. installs the peers, `squawk-cli` and `sqlfluff` from PyPI, into their own virtualenv
   (benchmarks/.work/peers), and dbops with `[fast]` (sqlglotc) into benchmarks/.work/dbops-fast
   unless this interpreter already has it; a peer that cannot be installed is skipped, with a note;
3. times each tool on the same files with hyperfine when it is on PATH (its own repeated runs and
   the median otherwise): `dbops check` (default policy, JSON to /dev/null), `squawk` on all
   files, and `sqlfluff lint --dialect postgres` on one file and on the first --sqlfluff-files
   files only, extrapolated to the corpus as start-up + per-file time x files (sqlfluff takes
   about 0.1 s per file);
4. measures peak memory (the whole process tree, sampled from /proc, and the largest process)
   and the start-up time of `dbops check one.sql` and `dbops --help` next to `squawk one.sql`;
5. prints the table and writes benchmarks/results/check.md.

Ratios are the point, not seconds: run it on a quiet machine, and compare tools run side by side.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = HERE / ".work"
RESULTS = HERE / "results" / "check.md"
PEERS = ("squawk-cli", "sqlfluff")
TARGET_VS_SQUAWK = 2.0  # dbops at most 2x Squawk's wall time
TARGET_VS_SQLFLUFF = 80.0  # dbops at least 80x faster than sqlfluff

sys.path.insert(0, str(HERE))
from gen_corpus import DEFAULT_SEED, write_corpus  # noqa: E402


@dataclass
class Timing:
    name: str
    median: float  # seconds
    runs: int
    scaled_from: int | None = None  # files actually timed, when scaled to the corpus
    peak_tree_mb: float | None = None
    peak_process_mb: float | None = None


# -- environments ---------------------------------------------------------------------------


def run_quiet(command: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


def make_venv(path: Path, packages: list[str], notes: list[str]) -> Path | None:
    """A virtualenv at `path` with `packages`; None (and a note) when pip cannot install them."""
    python = path / "bin" / "python"
    if not python.exists():
        created = run_quiet([sys.executable, "-m", "venv", str(path)])
        if created.returncode != 0:
            notes.append(f"could not create {path}: {created.stderr.strip()[:200]}")
            return None
    installed = run_quiet([str(python), "-m", "pip", "install", "-q", *packages])
    if installed.returncode != 0:
        notes.append(f"pip install {' '.join(packages)} failed: {installed.stderr.strip()[-300:]}")
        return None
    return path / "bin"


def latest_version(package: str) -> str | None:
    """What PyPI (or the configured index) offers, from `pip index versions`."""
    shown = run_quiet([sys.executable, "-m", "pip", "index", "versions", package])
    for line in shown.stdout.splitlines():
        if line.startswith(package):
            return line.split("(", 1)[-1].rstrip(")")
    return None


def install_peers(notes: list[str]) -> dict[str, Path]:
    """Executables of the peers that could be installed, by package name."""
    found: dict[str, Path] = {}
    wanted = []
    for package in PEERS:
        version = latest_version(package)
        if version is None:
            notes.append(f"{package}: not found by `pip index versions`; skipped.")
        else:
            wanted.append(f"{package}=={version}")
    bin_dir = make_venv(WORK / "peers", wanted, notes) if wanted else None
    if bin_dir is None:
        return found
    for package, executable in (("squawk-cli", "squawk"), ("sqlfluff", "sqlfluff")):
        if (bin_dir / executable).exists():
            found[package] = bin_dir / executable
    return found


def has_compiled_sqlglot(python: str) -> bool:
    probe = "import sqlglot.parser as p; print(p.__file__.endswith('.so'))"
    return run_quiet([python, "-c", probe]).stdout.strip() == "True"


def dbops_commands(notes: list[str], with_fast: bool) -> dict[str, list[str]]:
    """The dbops builds to time: this environment's, and one with sqlglotc."""
    own = Path(sys.executable).parent / "dbops"
    builds: dict[str, list[str]] = {}
    fast_here = has_compiled_sqlglot(sys.executable)
    builds["dbops[fast]" if fast_here else "dbops"] = [str(own)]
    if with_fast and not fast_here:
        bin_dir = make_venv(WORK / "dbops-fast", ["-e", f"{REPO}[fast]"], notes)
        if bin_dir is not None and has_compiled_sqlglot(str(bin_dir / "python")):
            builds["dbops[fast]"] = [str(bin_dir / "dbops")]
        else:
            notes.append("dbops[fast]: sqlglotc could not be installed; timed without it.")
    return builds


# -- measuring ------------------------------------------------------------------------------


def time_command(name: str, command: list[str], cwd: Path, runs: int, warmup: int) -> Timing:
    if shutil.which("hyperfine"):
        return _hyperfine(name, command, cwd, runs, warmup)
    for _ in range(warmup):
        subprocess.run(command, cwd=cwd, capture_output=True, check=False)
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, cwd=cwd, capture_output=True, check=False)
        samples.append(time.perf_counter() - started)
    return Timing(name, statistics.median(samples), runs)


def _hyperfine(name: str, command: list[str], cwd: Path, runs: int, warmup: int) -> Timing:
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "result.json"
        subprocess.run(
            [
                "hyperfine",
                "--style=none",
                "--ignore-failure",  # linters exit 1 when they find something
                f"--warmup={warmup}",
                f"--runs={runs}",
                f"--export-json={export}",
                f"--command-name={name}",
                shlex.join(command),
            ],
            cwd=cwd,
            capture_output=True,
            check=True,
        )
        result = json.loads(export.read_text())["results"][0]
    return Timing(name, float(result["median"]), runs)


def measure_memory(timing: Timing, command: list[str], cwd: Path) -> None:
    """Peak RSS of the whole process tree (sampled every 5 ms) and of its largest process."""
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    peak_tree = 0
    while True:
        pid, _status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:  # ended; its rusage covers it and the workers it waited for
            break
        peak_tree = max(peak_tree, _tree_rss_kb(process.pid))
        time.sleep(0.005)
    process.returncode = 0  # reaped above; keeps Popen from waiting again
    timing.peak_tree_mb = peak_tree / 1024 if peak_tree else None
    timing.peak_process_mb = usage.ru_maxrss / 1024


def _tree_rss_kb(pid: int) -> int:
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
        pending.extend(int(child) for child in children)
    return total


# -- the benchmark --------------------------------------------------------------------------


def prepare_corpus(files: int) -> tuple[Path, list[str], int]:
    corpus = WORK / "corpus"
    migrations = corpus / "migrations"
    names = sorted(path.name for path in migrations.glob("*.sql")) if migrations.is_dir() else []
    if len(names) != files:
        write_corpus(corpus, files, DEFAULT_SEED)
        names = sorted(path.name for path in migrations.glob("*.sql"))
    size = sum((migrations / name).stat().st_size for name in names)
    return corpus, names, size


def prepare_single(corpus: Path, first: str) -> Path:
    single = WORK / "single"
    (single / "migrations").mkdir(parents=True, exist_ok=True)
    shutil.copy(corpus / "migrations" / first, single / "migrations" / first)
    (single / "dbops.yaml").write_text("migrations: migrations\ndialect: postgres\n")
    return single


def dbops_check(executable: list[str], *paths: str) -> list[str]:
    return [*executable, "check", "--format", "json", "--output", os.devnull, *paths]


def run_benchmark(args: argparse.Namespace) -> str:
    notes: list[str] = []
    corpus, names, size = prepare_corpus(args.files)
    single = prepare_single(corpus, names[0])
    builds = dbops_commands(notes, with_fast=not args.no_fast)
    peers = {} if args.no_peers else install_peers(notes)
    full: list[Timing] = []
    for name, executable in builds.items():
        full.append(time_command(name, dbops_check(executable), corpus, args.runs, 1))
        measure_memory(full[-1], dbops_check(executable), corpus)
    if "squawk-cli" in peers:
        squawk = [str(peers["squawk-cli"]), "migrations/*.sql"]
        full.append(time_command("squawk", squawk, corpus, args.runs, 1))
        measure_memory(full[-1], squawk, corpus)
    if "sqlfluff" in peers and not args.no_sqlfluff:
        full.append(time_sqlfluff(peers["sqlfluff"], names, corpus, args))
    startup = []
    for name, executable in builds.items():
        one = dbops_check(executable, f"migrations/{names[0]}")
        startup.append(time_command(f"{name} check one.sql", one, single, args.runs * 4, 2))
        help_command = [*executable, "--help"]
        startup.append(time_command(f"{name} --help", help_command, single, args.runs * 4, 2))
    if "squawk-cli" in peers:
        one = [str(peers["squawk-cli"]), f"migrations/{names[0]}"]
        startup.append(time_command("squawk one.sql", one, single, args.runs * 4, 2))
    engine = [engine_times(name, executable, corpus) for name, executable in builds.items()]
    statements = _statements(builds, corpus)
    report = render(args, full, startup, notes, len(names), statements, size, peers)
    return report + render_engine(engine)


ENGINE_PROBE = """
import json, statistics, sys, time
from pathlib import Path
from dbops.adapters.migration_files import load_migrations
from dbops.adapters.policy_files import load_policy
from dbops.core.review import review
from dbops.core.sql import parse_sql
corpus = Path(sys.argv[1])
migrations = load_migrations(corpus / "migrations", corpus)
policy = load_policy("default", corpus, "postgres", ())
def median(work):
    samples = []
    for _ in range(3):
        started = time.perf_counter()
        work()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)
print(json.dumps({
    "parse only": median(lambda: [parse_sql(m.text, "postgres") for m in migrations]),
    "review, 1 process": median(lambda: review(migrations, policy, "postgres", jobs=1)),
    "review, all CPUs": median(lambda: review(migrations, policy, "postgres")),
}))
"""


def engine_times(name: str, executable: list[str], corpus: Path) -> tuple[str, dict[str, float]]:
    """The review engine in-process (no start-up): parsing alone, serial, parallel."""
    python = str(Path(executable[0]).parent / "python")
    shown = run_quiet([python, "-c", ENGINE_PROBE, str(corpus)])
    try:
        return name, json.loads(shown.stdout)
    except ValueError:
        return name, {}


def render_engine(engine: list[tuple[str, dict[str, float]]]) -> str:
    lines = ["", "The engine in-process, no start-up (median of 3, seconds):", ""]
    columns = next((list(times) for _, times in engine if times), [])
    lines.append("| build | " + " | ".join(columns) + " |")
    lines.append("|---|" + "---:|" * len(columns))
    for name, times in engine:
        cells = [f"{times[column]:.2f}" if column in times else "n/a" for column in columns]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def time_sqlfluff(
    executable: Path, names: list[str], corpus: Path, args: argparse.Namespace
) -> Timing:
    """sqlfluff on one file (its start-up) and on the first --sqlfluff-files files; the corpus
    time is the start-up plus the per-file time times the number of files."""
    lint = [str(executable), "lint", "--dialect", "postgres", "--nocolor"]
    subset = [f"migrations/{name}" for name in names[: max(args.sqlfluff_files, 2)]]
    one = time_command("sqlfluff", [*lint, subset[0]], corpus, max(args.sqlfluff_runs, 3), 0)
    timing = time_command("sqlfluff", [*lint, *subset], corpus, args.sqlfluff_runs, 0)
    measure_memory(timing, [*lint, *subset], corpus)
    per_file = (timing.median - one.median) / (len(subset) - 1)
    timing.median = one.median + per_file * (len(names) - 1)
    timing.scaled_from = len(subset)
    return timing


def _statements(builds: dict[str, list[str]], corpus: Path) -> int:
    executable = next(iter(builds.values()))
    shown = run_quiet([*executable, "check", "--format", "json", "--quiet"], corpus)
    try:
        return int(json.loads(shown.stdout)["summary"]["statements"])
    except (ValueError, KeyError):
        return 0


# -- the report -----------------------------------------------------------------------------


def render(
    args: argparse.Namespace,
    full: list[Timing],
    startup: list[Timing],
    notes: list[str],
    files: int,
    statements: int,
    size: int,
    peers: dict[str, Path],
) -> str:
    by_name = {timing.name: timing for timing in full}
    squawk = by_name.get("squawk")
    sqlfluff = by_name.get("sqlfluff")
    lines = [
        "# `dbops check` next to Squawk and sqlfluff",
        "",
        f"Corpus: {files} generated PostgreSQL migrations, {statements} statements, "
        f"{size / 1024:.0f} KiB (`benchmarks/gen_corpus.py`, seed {DEFAULT_SEED}).",
        f"Machine: {_machine()}; measured {datetime.date.today().isoformat()}.",
        f"Versions: {_versions(peers)}.",
        f"Timing: {'hyperfine' if shutil.which('hyperfine') else 'repeated runs'}, median of "
        f"{args.runs} runs after a warm-up (sqlfluff: {args.sqlfluff_runs} run(s)).",
        "",
        "| tool | wall time (s) | vs Squawk | sqlfluff / tool | peak RSS, all processes "
        "(MB) | largest process (MB) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for timing in full:
        versus = f"{timing.median / squawk.median:.2f}x" if squawk else "n/a"
        faster = f"{sqlfluff.median / timing.median:.0f}x" if sqlfluff else "n/a"
        name = timing.name
        if timing.scaled_from:
            name += (
                f" (timed on 1 and on {timing.scaled_from} files; start-up + per-file time x "
                f"{files})"
            )
        lines.append(
            f"| {name} | {timing.median:.3f} | {versus} | {faster} | "
            f"{_mb(timing.peak_tree_mb)} | {_mb(timing.peak_process_mb)} |"
        )
    lines += ["", "Start-up (one file, nothing else in the folder):", ""]
    lines += ["| command | wall time (ms) |", "|---|---:|"]
    lines += [f"| {timing.name} | {timing.median * 1000:.0f} |" for timing in startup]
    lines += ["", "Targets: " + _verdict(full, squawk, sqlfluff)]
    if notes:
        lines += ["", "Notes:", *(f"- {note}" for note in notes)]
    return "\n".join(lines) + "\n"


def _verdict(full: list[Timing], squawk: Timing | None, sqlfluff: Timing | None) -> str:
    parts = []
    for timing in full:
        if not timing.name.startswith("dbops"):
            continue
        if squawk:
            ratio = timing.median / squawk.median
            met = "met" if ratio <= TARGET_VS_SQUAWK else "not met"
            parts.append(f"{timing.name} {ratio:.2f}x Squawk (<= {TARGET_VS_SQUAWK:g}x: {met})")
        if sqlfluff:
            ratio = sqlfluff.median / timing.median
            met = "met" if ratio >= TARGET_VS_SQLFLUFF else "not met"
            parts.append(
                f"{timing.name} {ratio:.0f}x faster than sqlfluff (>= {TARGET_VS_SQLFLUFF:g}x: "
                f"{met})"
            )
    return "; ".join(parts) or "no peer was timed."


def _mb(value: float | None) -> str:
    return f"{value:.0f}" if value is not None else "n/a"


def _machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return (
        f"{model}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, load average at the end {load}"
    )


def _versions(peers: dict[str, Path]) -> str:
    shown = [f"dbops {_module_version('dbops')}", f"sqlglot {_module_version('sqlglot')}"]
    for package, executable in peers.items():
        output = run_quiet([str(executable), "--version"]).stdout.strip().splitlines()
        shown.append(output[0] if output else package)
    return ", ".join(shown)


def _module_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=2000, help="corpus size (default 2000)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per tool (default 5)")
    parser.add_argument("--sqlfluff-files", type=int, default=100)
    parser.add_argument("--sqlfluff-runs", type=int, default=1)
    parser.add_argument("--no-sqlfluff", action="store_true", help="skip sqlfluff (slow)")
    parser.add_argument("--no-peers", action="store_true", help="time dbops only")
    parser.add_argument("--no-fast", action="store_true", help="do not build dbops[fast]")
    parser.add_argument("--output", type=Path, default=RESULTS, help="the results file")
    args = parser.parse_args()
    # Installed packages carry bytecode (pip compiles it); with this variable set, every run of
    # an editable install would compile each module again (~0.1 s of start-up users never see).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    report = run_benchmark(args)
    print(report)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(report)
    print(f"written to {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
