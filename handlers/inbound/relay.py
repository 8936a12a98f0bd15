"""Awaiting a result another thread finishes (the group commit's), with one wake-up of the event loop per burst.

`asyncio.wrap_future` wakes the loop once per future: the group commit answers a batch of 60 requests at once, so
its writer thread wrote to the loop's self-pipe 60 times, and each write let the GIL go and waited to take it back
from the loop it had just woken. Here the finished futures of a burst are queued and the loop is woken once, to
answer them all.
"""
from __future__ import annotations

import asyncio
import threading
import weakref
from concurrent.futures import Future
from typing import Any, TypeVar

T = TypeVar("T")
_relays: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Relay] = weakref.WeakKeyDictionary()


async def finished(source: Future[T]) -> T:
    """The result of `source` (or its exception). Cancelling the caller cancels `source`, as wrap_future does."""
    loop = asyncio.get_running_loop()
    relay = _relays.get(loop)
    if relay is None:
        relay = _relays[loop] = _Relay(loop)
    return await relay.watch(source)


class _Relay:
    def __init__(self, loop: asyncio.AbstractEventLoop):
        self._loop = loop
        self._lock = threading.Lock()
        self._ready: list[tuple[asyncio.Future[Any], Future[Any]]] = []

    def watch(self, source: Future[T]) -> asyncio.Future[T]:
        waiter: asyncio.Future[T] = self._loop.create_future()
        waiter.add_done_callback(lambda w: source.cancel() if w.cancelled() else None)
        source.add_done_callback(lambda done: self._finished(waiter, done))
        return waiter

    def _finished(self, waiter: asyncio.Future[Any], done: Future[Any]) -> None:
        """In whichever thread finished `done`: queue it; only the first of a burst wakes the loop."""
        with self._lock:
            self._ready.append((waiter, done))
            if len(self._ready) > 1:
                return  # a wake-up is on its way and will take this one too
        try:
            self._loop.call_soon_threadsafe(self._deliver)
        except RuntimeError:  # the loop is closed: nobody is waiting any more
            pass

    def _deliver(self) -> None:
        with self._lock:
            ready, self._ready = self._ready, []
        for waiter, done in ready:
            if waiter.done():
                continue
            if done.cancelled():
                waiter.cancel()
            elif (error := done.exception()) is not None:
                waiter.set_exception(error)
            else:
                waiter.set_result(done.result())
