"""The review spread over several processes, with the same result as the serial review.

Parsing is most of a review, and a file parses the same whatever came before it; the schema
replay, which must run in order, is cheap. So the files are cut into consecutive parts, one per
process. Every process parses its part at once; then it waits for the schema the parts before it
leave, applies its own part to a copy and passes that on (through this process, which forwards
it), and reviews its part from the schema it received, exactly as the serial review would: same
code, same history, same findings.

    process 0: parse 0 | apply 0 > | review 0 ...........
    process 1: parse 1 .......... | apply 1 > | review 1 ...........
    process 2: parse 2 ..........          | apply 2 | review 2 ...........

Process 0 is this one. Workers are forked where the platform allows it, so they start with
everything loaded and receive nothing but their share and a schema model; only the file reviews
come back. A worker that fails or dies ends the review with an error, never a hang: this process
watches each worker's exit as well as its pipe, and stops the others.
"""

from __future__ import annotations

import multiprocessing
import pickle
import sys
import threading
import traceback
from collections.abc import Sequence
from multiprocessing.connection import Connection, wait
from multiprocessing.context import ForkContext, SpawnContext
from multiprocessing.process import BaseProcess
from typing import Any

from dbops.core.review import FileReview, ReviewBatch, SchemaReplay
from dbops.core.schema import SchemaModel

MAX_PROCESSES = 4

Outcome = tuple[list[FileReview], tuple[str, ...]]


class WorkerFailed(RuntimeError):
    pass


def review_in_processes(batch: ReviewBatch, processes: int) -> Outcome:
    """Review `batch` with up to `processes` processes (this one included)."""
    parts = batch.split(part_weights(min(processes, MAX_PROCESSES)))
    if len(parts) == 1:
        return batch.run(SchemaReplay(batch.dialect))
    context = _process_context()
    workers = [
        _Worker.start(context, part, last=number == len(parts) - 1)
        for number, part in enumerate(parts[1:], start=1)
    ]
    try:
        parsed = parts[0].parse()
        typed = parts[0].typed(parsed)
        model = SchemaModel(dialect=batch.dialect)
        parts[0].replay_onto(model, typed)
        workers[0].give_schema(pickle.dumps(model))
        relay = _Relay(workers)
        relay.start()
        reviews, opaque = parts[0].run(SchemaReplay(batch.dialect), parsed, typed)
        relay.join()
        if relay.failure is not None:
            raise relay.failure
        for worker in workers:
            more_reviews, more_opaque = worker.result()
            reviews.extend(more_reviews)
            opaque += more_opaque
        return reviews, opaque
    finally:
        for worker in workers:
            worker.stop()


def part_weights(processes: int) -> list[float]:
    """Relative sizes of the parts: equal, since every process parses its own part."""
    return [1.0] * max(processes, 1)


def _process_context() -> ForkContext | SpawnContext:
    # Forking shares the loaded modules and the migrations with the workers for free; where it
    # is unsafe or missing (macOS, Windows), workers start afresh.
    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


class _Worker:
    """One worker process and this process's ends of its two pipes."""

    def __init__(self, process: BaseProcess, inbox: Connection, outbox: Connection) -> None:
        self.process = process
        self._inbox = inbox  # this process -> worker: the schema before its part
        self._outbox = outbox  # worker -> this process: the schema after it, then the result

    @classmethod
    def start(cls, context: ForkContext | SpawnContext, part: ReviewBatch, last: bool) -> _Worker:
        schema_in, inbox = context.Pipe(duplex=False)
        outbox, results = context.Pipe(duplex=False)
        process = context.Process(
            target=_review_part, args=(part, schema_in, results, last), daemon=True
        )
        process.start()
        schema_in.close()
        results.close()
        return cls(process, inbox, outbox)

    def give_schema(self, model: bytes) -> None:
        self._inbox.send(model)

    def next_schema(self) -> bytes:
        payload = self._receive("schema")
        assert isinstance(payload, bytes)
        return payload

    def result(self) -> Outcome:
        reviews, opaque = self._receive("result")
        return list(reviews), tuple(opaque)

    def _receive(self, expected: str) -> Any:
        while not self._outbox.poll():
            ready = wait([self._outbox, self.process.sentinel])
            if self._outbox not in ready and not self._outbox.poll():
                raise WorkerFailed("a review worker process ended without a result")
        try:
            status, payload = self._outbox.recv()
        except EOFError:
            raise WorkerFailed("a review worker process ended without a result") from None
        if status == "error":
            raise WorkerFailed(f"a review worker process failed:\n{payload}")
        assert status == expected, status
        return payload

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.terminate()
        if self.process.pid is not None:
            self.process.join()


class _Relay(threading.Thread):
    """Passes each worker's schema on to the next worker while this process reviews."""

    def __init__(self, workers: Sequence[_Worker]) -> None:
        super().__init__(daemon=True)
        self.workers = workers
        self.failure: BaseException | None = None

    def run(self) -> None:
        try:
            for giver, taker in zip(self.workers, self.workers[1:], strict=False):
                taker.give_schema(giver.next_schema())
        except BaseException as failure:  # reported by the review thread
            self.failure = failure


def _review_part(part: ReviewBatch, schema_in: Connection, results: Connection, last: bool) -> None:
    try:
        parsed = part.parse()
        typed = part.typed(parsed)
        before: bytes = schema_in.recv()
        if not last:
            model: SchemaModel = pickle.loads(before)
            part.replay_onto(model, typed)
            results.send(("schema", pickle.dumps(model)))
        outcome = part.run(SchemaReplay(part.dialect, pickle.loads(before)), parsed, typed)
        results.send(("result", outcome))
    except BaseException:
        results.send(("error", traceback.format_exc()))
