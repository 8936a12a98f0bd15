"""A small bounded HTTP/1.1 load generator on raw asyncio streams with keep-alive connections.

`closed_loop` sends a fixed list of bodies over N connections as fast as answers come back. `open_loop` sends
`rate` requests a second on a fixed timetable and measures each latency from its scheduled send time, so a slow
server cannot slow the sender down and hide its own queueing (no coordinated omission); requests still
unanswered at the deadline count as unanswered, never as fast.
"""
from __future__ import annotations

import asyncio
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Outcome:
    statuses: Counter = field(default_factory=Counter)  # HTTP status, or 0 for a connection error
    latencies: list[float] = field(default_factory=list)  # seconds, of answered requests
    unanswered: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    @property
    def answered(self) -> int:
        return len(self.latencies)

    @property
    def ok(self) -> int:
        return sum(n for status, n in self.statuses.items() if 200 <= status < 300)

    @property
    def non2xx(self) -> int:
        return sum(n for status, n in self.statuses.items() if not 200 <= status < 300)

    def percentile(self, p: float) -> float:
        """Latency percentile in seconds; unanswered requests count as infinitely slow."""
        values = sorted(self.latencies) + [float("inf")] * self.unanswered
        if not values:
            return float("nan")
        return values[min(len(values) - 1, max(0, round(p / 100 * len(values)) - 1))]

    def median(self) -> float:
        return statistics.median(self.latencies) if self.latencies else float("nan")


class Connection:
    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, raw: bytes) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.write(raw)
        await self.writer.drain()
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in (x.partition(":") for x in lines[1:] if x)}
        if headers.get("transfer-encoding", "").lower() == "chunked":
            body = b""
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                body += await self.reader.readexactly(size + 2)
                if size == 0:
                    break
        else:
            body = await self.reader.readexactly(int(headers.get("content-length", "0")))
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, body

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


def raw_request(host: str, port: int, path: str, body: bytes, token: str) -> bytes:
    return (f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
            f"Authorization: Bearer {token}\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body


async def _send(conn: Connection, raw: bytes, outcome: Outcome, started: float,
                answers: list | None) -> None:
    try:
        status, body = await conn.request(raw)
    except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError, IndexError) as error:
        conn.close()
        outcome.statuses[0] += 1
        if len(outcome.errors) < 5:
            outcome.errors.append(f"{type(error).__name__}: {error}")
        return
    outcome.statuses[status] += 1
    outcome.latencies.append(time.perf_counter() - started)
    if answers is not None:
        answers.append(body)


async def _closed(host, port, raws, connections, deadline, answers) -> Outcome:
    outcome, pending = Outcome(), iter(raws)
    total = len(raws)

    async def worker():
        conn = Connection(host, port)
        try:
            for raw in pending:
                await _send(conn, raw, outcome, time.perf_counter(), answers)
        finally:
            conn.close()

    started = time.perf_counter()
    tasks = [asyncio.create_task(worker()) for _ in range(connections)]
    _, late = await asyncio.wait(tasks, timeout=max(0.0, deadline - time.monotonic()))
    for task in late:
        task.cancel()
    await asyncio.gather(*late, return_exceptions=True)
    outcome.seconds = time.perf_counter() - started
    outcome.unanswered = total - sum(outcome.statuses.values())
    return outcome


def closed_loop(host: str, port: int, raws: list[bytes], connections: int, max_seconds: float,
                answers: list | None = None) -> Outcome:
    """Send every request in `raws` over `connections` keep-alive connections; stop at `max_seconds`."""
    deadline = time.monotonic() + max_seconds
    return asyncio.run(_closed(host, port, raws, connections, deadline, answers))


async def _open(host, port, make, rate, total, connections, drain) -> Outcome:
    outcome, queue = Outcome(), asyncio.Queue()
    start = time.perf_counter() + 0.2

    async def worker():
        conn = Connection(host, port)
        try:
            while True:
                scheduled, raw = await queue.get()
                await _send(conn, raw, outcome, scheduled, None)
        finally:
            conn.close()

    async def dispatch():
        for i in range(total):
            scheduled = start + i / rate
            ahead = scheduled - time.perf_counter()
            if ahead > 0.001:
                await asyncio.sleep(ahead)
            queue.put_nowait((scheduled, make(i)))

    tasks = [asyncio.create_task(worker()) for _ in range(connections)]
    sender = asyncio.create_task(dispatch())
    deadline = start + total / rate + drain
    while time.perf_counter() < deadline and sum(outcome.statuses.values()) < total:
        await asyncio.sleep(0.05)
    for task in [sender, *tasks]:
        task.cancel()
    await asyncio.gather(sender, *tasks, return_exceptions=True)
    outcome.seconds = time.perf_counter() - start
    outcome.unanswered = total - sum(outcome.statuses.values())
    return outcome


def open_loop(host: str, port: int, make, rate: float, seconds: float, connections: int,
              drain: float) -> Outcome:
    """`rate` requests a second for `seconds` (make(i) -> raw request i), over at most `connections`
    connections; waits at most `drain` seconds after the last scheduled send, then gives up on the rest."""
    return asyncio.run(_open(host, port, make, rate, max(1, int(rate * seconds)), connections, drain))
