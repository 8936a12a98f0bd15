"""Awaiting the group commit's futures: each waiter gets its own result, a burst wakes the loop once, and a
cancelled request cancels its submission."""
from __future__ import annotations

import asyncio
import threading
from concurrent.futures import Future

import pytest

from handlers.inbound.relay import finished


def test_a_burst_finished_in_another_thread_answers_every_waiter_with_one_wake_up():
    async def scenario():
        loop = asyncio.get_running_loop()
        wakeups = 0
        original = loop.call_soon_threadsafe

        def counting(*args, **kwargs):
            nonlocal wakeups
            wakeups += 1
            return original(*args, **kwargs)

        loop.call_soon_threadsafe = counting  # type: ignore[method-assign]
        sources: list[Future[int]] = [Future() for _ in range(50)]
        failing: Future[int] = Future()
        waiters = [asyncio.ensure_future(finished(s)) for s in [*sources, failing]]
        await asyncio.sleep(0)  # every waiter is registered before the writer answers

        def writer():
            for n, source in enumerate(sources):
                source.set_result(n)
            failing.set_exception(ValueError("cannot store"))

        thread = threading.Thread(target=writer)
        thread.start()
        thread.join()
        results = await asyncio.gather(*waiters, return_exceptions=True)
        return results, wakeups

    results, wakeups = asyncio.run(scenario())
    assert results[:50] == list(range(50))
    assert isinstance(results[50], ValueError)
    assert wakeups == 1


def test_a_result_already_there_is_answered():
    source: Future[str] = Future()
    source.set_result("stored")
    assert asyncio.run(finished(source)) == "stored"


def test_cancelling_the_waiter_cancels_the_submission():
    async def scenario():
        source: Future[str] = Future()
        waiter = asyncio.ensure_future(finished(source))
        await asyncio.sleep(0)
        waiter.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiter
        return source

    assert asyncio.run(scenario()).cancelled()
