"""When and how long to wait before trying an HTTP request again (Bitbucket, Bytebase).

APIs answer 429 when a rate limit is hit (with or without `Retry-After`) and, like any
service, a 5xx or a timeout now and then. Retrying those with a bounded exponential backoff and
full jitter keeps a pipeline green through a blip without hammering the API.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

RETRYABLE_STATUS = frozenset({429, 500, 502, 503, 504})


def _full_jitter(ceiling: float) -> float:
    return random.uniform(0, ceiling)


@dataclass(frozen=True)
class RetryPolicy:
    """`attempts` tries in all; waits grow from `initial_delay` by doubling up to `max_delay`.

    A `Retry-After` from the server is honoured up to `max_retry_after` seconds: a longer wait
    would stall the pipeline, so it is cut short there (the next attempt may then fail again).
    """

    attempts: int = 5
    initial_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 30.0
    timeout: float = 30.0
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False)
    jitter: Callable[[float], float] = field(default=_full_jitter, compare=False)
    # The whole publishing time, every request, retry and wait included: past `deadline`
    # (on `clock`, seconds) nothing more is sent or waited for. None: no overall bound.
    budget: float | None = None
    deadline: float | None = None
    clock: Callable[[], float] = field(default=time.monotonic, compare=False)

    def remaining(self) -> float | None:
        """Seconds left of the budget (never below 0), or None without one."""
        if self.deadline is None:
            return None
        return max(self.deadline - self.clock(), 0.0)

    def request_timeout(self) -> float:
        """One request's timeout: the policy's, cut to what is left of the budget."""
        left = self.remaining()
        return self.timeout if left is None else max(min(self.timeout, left), 0.001)

    def backoff(self, retry_number: int, retry_after: float | None) -> float:
        """Seconds to wait before retry `retry_number` (1 for the first retry)."""
        if retry_after is not None:
            return min(max(retry_after, 0.0), self.max_retry_after)
        ceiling = min(self.initial_delay * (2 ** (retry_number - 1)), self.max_delay)
        return self.jitter(ceiling)


def parse_retry_after(value: str | None, now: Callable[[], datetime] | None = None) -> float | None:
    """`Retry-After` as seconds: either a number of seconds or an HTTP date (RFC 9110 §10.2.3)."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        return max(float(text), 0.0)
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    current = now() if now is not None else datetime.now(UTC)
    return max((when - current).total_seconds(), 0.0)
