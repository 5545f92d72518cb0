"""The review spread over several processes, with the same result as the serial review.

Parsing is most of a review's cost and needs no history; the rules need the schema replayed from
every earlier file, in order. So the migrations are cut into consecutive batches, one per
process. Every process parses its batch at once; the first reviews its batch and hands the
schema it reached to the next, which by then has parsed its own batch and reviews it, and so on
down the chain. Later batches are made larger (they start reviewing later), so that the
processes finish together.

    process 0: parse+review batch 0 ─schema─┐
    process 1: parse batch 1 ...............└→ review batch 1 ─schema─┐
    process 2: parse batch 2 .........................................└→ review batch 2

Process 0 is this process. Workers are forked where the platform allows it (nothing to
re-import or pickle but the schema snapshots and the results).
"""

from __future__ import annotations

import multiprocessing
import sys
import traceback
from multiprocessing.connection import Connection
from multiprocessing.context import ForkContext, SpawnContext
from typing import Any

from dbops.core.review import FileReview, ReviewBatch, SchemaReplay

# How long reviewing a byte of SQL takes next to parsing it (rules and schema replay vs sqlglot),
# measured on benchmarks/gen_corpus.py's corpus; it only shapes the batch sizes.
REVIEW_TO_PARSE_COST = 0.35
MAX_PROCESSES = 4

Outcome = tuple[list[FileReview], int]


def review_in_processes(batch: ReviewBatch, processes: int) -> Outcome:
    """Review `batch` with up to `processes` processes (this one included)."""
    batches = batch.split(batch_weights(min(processes, MAX_PROCESSES)))
    if len(batches) == 1:
        return batch.run(SchemaReplay(batch.dialect))
    context = _process_context()
    schema_links = [context.Pipe(duplex=False) for _ in batches[1:]]
    result_links = [context.Pipe(duplex=False) for _ in batches[1:]]
    workers = []
    for number, part in enumerate(batches[1:]):
        schema_in = schema_links[number][0]
        schema_out = schema_links[number + 1][1] if number + 1 < len(schema_links) else None
        worker = context.Process(
            target=_review_later_batch,
            args=(part, schema_in, schema_out, result_links[number][1]),
            daemon=True,
        )
        worker.start()
        workers.append(worker)
    try:
        for _, sender in result_links:
            sender.close()  # a worker that dies then reads as end-of-file, not as a hang
        replay = SchemaReplay(batch.dialect)
        reviews, opaque = batches[0].run(replay)
        schema_links[0][1].send_bytes(replay.snapshot())
        for receiver, _ in result_links:
            more_reviews, more_opaque = _receive(receiver)
            reviews.extend(more_reviews)
            opaque += more_opaque
        return reviews, opaque
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.terminate()
            worker.join()


def _process_context() -> ForkContext | SpawnContext:
    # Forking shares the loaded modules and the migrations with the workers for free; where it
    # is unsafe or missing (macOS, Windows), workers start afresh.
    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def batch_weights(processes: int) -> list[float]:
    """Relative batch sizes so that every process ends at the same time: batch k waits for the
    review of batch k-1 to end, so it may be parsed for that long (see the module docstring)."""
    if processes <= 1:
        return [1.0]
    ratio = 1 + REVIEW_TO_PARSE_COST
    return [1 / ratio, *(ratio ** (k - 1) for k in range(1, processes))]


def _review_later_batch(
    batch: ReviewBatch,
    schema_in: Connection,
    schema_out: Connection | None,
    results: Connection,
) -> None:
    try:
        parsed = batch.parse()
        replay = SchemaReplay(batch.dialect, schema_in.recv_bytes())
        outcome = batch.run(replay, parsed)
        if schema_out is not None:
            schema_out.send_bytes(replay.snapshot())
        results.send(("ok", outcome))
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
