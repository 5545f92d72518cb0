"""The review spread over several processes, with the same result as the serial review.

Rules need the schema replayed from every earlier file, in order; replaying (parsing, applying)
costs about a third of reviewing. So the files to review are cut into consecutive parts, one per
process, and each process replays everything before its part, then reviews its part exactly as
the serial review would: same code, same history, same findings. Earlier parts are larger, since
later processes spend their first moments replaying:

    process 0: review part 0 ......................
    process 1: replay part 0 | review part 1 ......
    process 2: replay parts 0-1    | review part 2

Process 0 is this one. Workers are forked where the platform allows it, so they start with
everything loaded and receive nothing but their share; only the file reviews come back.
"""

from __future__ import annotations

import multiprocessing
import sys
import traceback
from multiprocessing.connection import Connection
from multiprocessing.context import ForkContext, SpawnContext
from typing import Any

from dbops.core.review import FileReview, ReviewBatch, SchemaReplay

# Replaying a file (parse + schema) as a share of reviewing it (parse + schema + rules), measured
# with benchmarks/check_bench.py's corpus (0.36 with sqlglotc, 0.6 without); it only shapes the
# part sizes, never the result.
REPLAY_SHARE = 0.45
MAX_PROCESSES = 4

Outcome = tuple[list[FileReview], int]


def review_in_processes(batch: ReviewBatch, processes: int) -> Outcome:
    """Review `batch` with up to `processes` processes (this one included)."""
    parts = batch.split(part_weights(min(processes, MAX_PROCESSES)))
    if len(parts) == 1:
        return batch.run(SchemaReplay(batch.dialect))
    context = _process_context()
    links = [context.Pipe(duplex=False) for _ in parts[1:]]
    workers = [
        context.Process(target=_review_part, args=(part, sender), daemon=True)
        for part, (_, sender) in zip(parts[1:], links, strict=True)
    ]
    try:
        for worker in workers:
            worker.start()
        for _, sender in links:
            sender.close()  # a worker that dies then reads as end-of-file, not as a hang
        reviews, opaque = parts[0].run(SchemaReplay(batch.dialect))
        for receiver, _ in links:
            more_reviews, more_opaque = _receive(receiver)
            reviews.extend(more_reviews)
            opaque += more_opaque
        return reviews, opaque
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.terminate()
            if worker.pid is not None:
                worker.join()


def part_weights(processes: int) -> list[float]:
    """Relative sizes of the parts so that every process ends at the same time: process k
    first replays everything before its part (REPLAY_SHARE of reviewing it), so each part is
    (1 - REPLAY_SHARE) times the one before."""
    return [(1 - REPLAY_SHARE) ** k for k in range(max(processes, 1))]


def _process_context() -> ForkContext | SpawnContext:
    # Forking shares the loaded modules and the migrations with the workers for free; where it
    # is unsafe or missing (macOS, Windows), workers start afresh.
    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _review_part(part: ReviewBatch, results: Connection) -> None:
    try:
        results.send(("ok", part.run(SchemaReplay(part.dialect))))
    except BaseException:
        results.send(("error", traceback.format_exc()))


def _receive(receiver: Connection) -> Outcome:
    try:
        status, payload = receiver.recv()
    except EOFError:
        raise RuntimeError("a review worker process ended without a result") from None
    if status != "ok":
        raise RuntimeError(f"a review worker process failed:\n{payload}")
    return _as_outcome(payload)


def _as_outcome(payload: Any) -> Outcome:
    reviews, opaque = payload
    return list(reviews), int(opaque)
