"""A token bucket per sender key, for endpoints that answer 429 as the service they stand in for does."""
from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable


class RateLimit:
    """At most `per_minute` events per key, in bursts of up to `per_minute`; refills continuously."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic):
        self.rate, self.burst, self.clock = per_minute / 60.0, float(per_minute), clock
        self.buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, when counted)
        self.lock = threading.Lock()

    def wait(self, key: str) -> int:
        """0: take one event now (and count it); otherwise the whole seconds until the next one may come."""
        now = self.clock()
        with self.lock:
            tokens, then = self.buckets.get(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - then) * self.rate)
            if tokens < 1:
                self.buckets[key] = (tokens, now)
                return max(1, math.ceil((1 - tokens) / self.rate))
            self.buckets[key] = (tokens - 1, now)
            return 0
