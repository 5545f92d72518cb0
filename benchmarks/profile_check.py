"""Where `dbops check` spends its time on the benchmark corpus: per rule, and per function.

    python benchmarks/profile_check.py          # check_bench.py's corpus, default policy
    python benchmarks/profile_check.py --policy strict --top 40

Runs the review in this process and serially (one core), so that the numbers add up: first the
time each rule's `check` takes in total, then cProfile's functions by own time. Use it to find
the next hot spot; use check_bench.py to measure what a fix bought.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from dbops.adapters.migration_files import load_migrations
from dbops.adapters.policy_files import load_policy
from dbops.core.review import review
from dbops.rules.base import RuleContext, Violation

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from gen_corpus import DEFAULT_OUT, write_corpus  # noqa: E402


def _timed(
    check: Callable[[RuleContext], Iterator[Violation]], name: str, spent: Counter[str]
) -> Any:
    def timed_check(context: RuleContext) -> Iterator[Violation]:
        started = time.perf_counter()
        violations = list(check(context))
        spent[name] += time.perf_counter() - started
        return iter(violations)

    return timed_check


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--policy", default="default")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    if not (args.corpus / "migrations").is_dir():
        write_corpus(args.corpus)
    migrations = load_migrations(args.corpus / "migrations", args.corpus)
    policy = load_policy(args.policy, args.corpus, "postgres", ())
    profile = cProfile.Profile()
    profile.runcall(review, migrations, policy, "postgres", jobs=1)
    pstats.Stats(profile).sort_stats("tottime").print_stats(args.top)
    spent: Counter[str] = Counter()
    for active in policy.rules:
        rule: Any = active.rule  # instrumented in place: this process only profiles
        rule.check = _timed(rule.check, rule.name, spent)
    started = time.perf_counter()
    result = review(migrations, policy, "postgres", jobs=1)
    total = time.perf_counter() - started
    print(
        f"review: {total:.2f} s for {result.statements} statements; rules: "
        f"{sum(spent.values()):.2f} s ({len(policy.rules)} rules)"
    )
    for name, seconds in spent.most_common(args.top):
        print(f"  {name:50s} {seconds:6.3f} s")


if __name__ == "__main__":
    main()
