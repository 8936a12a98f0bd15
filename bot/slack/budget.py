"""Slack's rate tiers, kept before Slack has to refuse: a token bucket per Web API method (and per channel for
chat.postMessage), so a storm of incidents is paced rather than answered with 429s.

Figures are Slack's published tiers per workspace: Tier 2 20/min, Tier 3 50/min, Tier 4 100/min, and about one
message a second per channel with short bursts allowed."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass

TIER_2, TIER_3, TIER_4 = 20, 50, 100  # calls per minute
TIERS = {
    "conversations.create": TIER_2, "conversations.setTopic": TIER_2, "pins.add": TIER_2,
    "usergroups.list": TIER_2, "usergroups.users.list": TIER_2,
    "conversations.invite": TIER_3, "conversations.join": TIER_3,
    "conversations.history": TIER_3, "conversations.replies": TIER_3, "chat.update": TIER_3,
    "users.lookupByEmail": TIER_3, "chat.getPermalink": TIER_4, "files.getUploadURLExternal": TIER_4,
    "files.completeUploadExternal": TIER_4, "views.open": TIER_4,
}
PER_CHANNEL_PER_SECOND = 1.0
CHANNEL_BURST = 10  # Slack lets a channel take a short burst above one a second


@dataclass
class Bucket:
    capacity: float
    per_second: float
    tokens: float
    at: float

    def take(self, now: float) -> float:
        """Take a token if there is one and return 0; else return how long until there is one."""
        self.tokens = min(self.capacity, self.tokens + (now - self.at) * self.per_second)
        self.at = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.per_second


class Budget:
    def __init__(self, clock=time.monotonic):
        self._clock = clock
        self._buckets: dict[str, Bucket] = {}
        self._lock = threading.Lock()

    def wait_for(self, method: str, channel: str | None = None) -> float:
        """Seconds to wait before this call is inside the budget (0: go now, and it is counted)."""
        if method == "chat.postMessage" and channel:
            key, capacity, rate = f"{method}:{channel}", float(CHANNEL_BURST), PER_CHANNEL_PER_SECOND
        elif method in TIERS:
            key, capacity, rate = method, float(TIERS[method]), TIERS[method] / 60
        else:
            return 0.0
        with self._lock:
            now = self._clock()
            bucket = self._buckets.setdefault(key, Bucket(capacity, rate, capacity, now))
            return bucket.take(now)
