"""Faults on demand: the next calls of a method answer 429, 5xx, an ok:false error, slowly, or not at all."""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass

# What Slack puts in the body when it answers with these statuses.
DEFAULT_ERRORS = {429: "ratelimited", 500: "fatal_error", 502: "fatal_error", 503: "service_unavailable",
                  504: "request_timeout"}


@dataclass(frozen=True)
class Fault:
    """One planned misbehaviour; `delay` may combine with a status or error, or stand alone for a slow success.
    `drop`: the call is carried out (a channel is created ...), then the connection is closed without an answer,
    as when a timeout or a network fault loses Slack's answer to a call that did happen."""

    status: int | None = None
    retry_after: int | None = None
    error: str | None = None
    delay: float | None = None
    drop: bool | None = None

    @property
    def replaces_answer(self) -> bool:
        """True when the call is answered by the fault instead of by the method, so no state changes."""
        return self.status is not None or self.error is not None

    def answer(self) -> tuple[int, dict, dict]:
        """(HTTP status, headers, body) to send instead of the real answer."""
        status = self.status or 200
        error = self.error or DEFAULT_ERRORS.get(status, "fatal_error")
        headers = {}
        if status == 429:
            headers["Retry-After"] = str(self.retry_after if self.retry_after is not None else 1)
        return status, headers, {"ok": False, "error": error}

    def describe(self) -> str:
        """A short label for the recorded call, e.g. "status=429 retry_after=3"."""
        parts = [f"{k}={v}" for k, v in vars(self).items() if v is not None]
        return " ".join(parts)


class FaultPlan:
    """Queued faults per method, used up in the order they were planned; callers hold the stand-in's lock."""

    def __init__(self):
        self._queues: dict[str, deque[list]] = {}  # method -> deque of [fault, calls left]

    def add(self, method: str, fault: Fault, times: int = 1) -> None:
        """Let the next `times` calls of `method` (after any faults already planned) meet `fault`."""
        if times < 1:
            raise ValueError("times must be at least 1")
        if fault.status is not None and not (fault.status == 429 or 400 <= fault.status < 600):
            raise ValueError(f"status {fault.status} is not a failure; use error= for ok:false answers")
        self._queues.setdefault(method, deque()).append([fault, times])

    def take(self, method: str) -> Fault | None:
        """The fault this call of `method` meets, if any, using one of its planned times."""
        queue = self._queues.get(method)
        if not queue:
            return None
        entry = queue[0]
        entry[1] -= 1
        if entry[1] == 0:
            queue.popleft()
        return entry[0]

    def clear(self) -> None:
        """Forget every planned fault."""
        self._queues.clear()
